/**
 * Tech Insights facts from the network the Integrated Ops Portal's
 * infrastructure repository allows: baselines, expired access and the
 * change policy's connectivity invariants.
 *
 * @packageDocumentation
 */
export { techInsightsModuleConnectivity as default } from './module';
export {
  CONNECTIVITY_FACTS_RETRIEVER,
  connectivityFacts,
} from './connectivityFacts';
