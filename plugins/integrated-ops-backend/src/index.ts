/**
 * Integrated Ops backend: incident lookup, blast radius and coverage from an
 * in-memory ownership index of the catalog, over HTTP and as MCP actions.
 *
 * @packageDocumentation
 */
export { integratedOpsPlugin as default } from './plugin';
