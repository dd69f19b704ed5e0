/**
 * Tech Insights facts from the Integrated Ops Portal's security findings:
 * open criticals and highs, findings past their SLA per discipline, and
 * whether a scanner reports on each component.
 *
 * @packageDocumentation
 */
export { techInsightsModuleSecurityFindings as default } from './module';
export { SECURITY_FACTS_RETRIEVER, securityFacts } from './securityFacts';
