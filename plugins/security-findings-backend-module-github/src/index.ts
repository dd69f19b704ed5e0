/**
 * GitHub code scanning and Dependabot alerts into the security-findings
 * backend.
 *
 * @packageDocumentation
 */
export { securityFindingsModuleGithub as default } from './module';
