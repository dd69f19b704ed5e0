/**
 * The security-findings backend plugin: scanner reports in (SARIF, Trivy,
 * Grype), findings routed to their owners with SLA due dates.
 *
 * @packageDocumentation
 */
export { securityFindingsPlugin as default } from './plugin';
