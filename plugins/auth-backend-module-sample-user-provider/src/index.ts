/**
 * Development-only sign-in as a sample-org user.
 *
 * @packageDocumentation
 */
export { authModuleSampleUserProvider as default } from './module';
export { SAMPLE_USER_HEADER } from './sampleUserAuthenticator';
