/**
 * Tech Insights facts from the Integrated Ops Portal's change requests:
 * where each entity's typed owners stand in their ownership
 * re-certification.
 *
 * @packageDocumentation
 */
export { techInsightsModuleOpsRequests as default } from './module';
export {
  RECERTIFICATION_FACTS_RETRIEVER,
  recertificationFacts,
} from './recertificationFacts';
