/**
 * What other frontend plugins build on the Integrated Ops incident lookup
 * with: sections of the lookup's answer, and the portal's load-failure alert.
 *
 * @packageDocumentation
 */
export {
  LookupAnswerSectionBlueprint,
  lookupAnswerSectionKindsDataRef,
} from './lookupAnswer/LookupAnswerSectionBlueprint';
export {
  LookupAnswerEntityProvider,
  useLookupAnswerEntity,
  type LookupAnswerEntity,
} from './lookupAnswer/lookupAnswerEntity';
export { LoadFailure } from './components/LoadFailure';
export { downloadBlob } from './download/downloadBlob';
export { SectionCard } from './components/SectionCard';
