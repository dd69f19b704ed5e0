/**
 * The connectivity backend plugin: who can reach what, and why, from the
 * infrastructure repository's NetworkPolicies, in catalog terms.
 *
 * @packageDocumentation
 */
export { connectivityPlugin as default } from './plugin';
