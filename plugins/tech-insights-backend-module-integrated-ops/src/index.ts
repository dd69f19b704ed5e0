/**
 * Tech Insights facts of the Integrated Ops Portal: typed owners, on-call
 * depth and runbooks per entity.
 *
 * @packageDocumentation
 */
export { techInsightsModuleIntegratedOps as default } from './module';
export { OWNERSHIP_FACTS_RETRIEVER, ownershipFacts } from './ownershipFacts';
