/**
 * Security findings for the Integrated Ops Portal: parsers of what scanners
 * really write (SARIF 2.1.0, Trivy JSON, Grype JSON) into normalized
 * findings with a stable identity, the findings' life cycle, discipline
 * routing and SLA arithmetic. Pure and synchronous, browser and server alike.
 *
 * @packageDocumentation
 */
export * from './types';
export { parseSarif } from './sarif';
export { parseTrivyJson, canonicalAdvisoryId } from './trivy';
export { parseGrypeJson } from './grype';
export { fingerprintOf, vulnerabilityFingerprint } from './identity';
export {
  severityFromScore,
  severityFromWord,
  severityFromSarifLevel,
} from './severity';
export { isNetworkMisconfiguration } from './network';
export * from './lifecycle';
export * from './routing';
export * from './sla';
export { SecurityFindingsApiClient } from './client/SecurityFindingsApiClient';
export type {
  FindingList,
  FindingView,
  FindingsOverview,
  FindingsKpis,
  ComponentFactsList,
} from './client/SecurityFindingsApiClient';
export type { components } from './schema/openapi/generated/types';
export {
  CONTAINER_IMAGE_ANNOTATION,
  imageTarget,
  repositoryTarget,
} from './reportTarget';
export type { AnnotatedTarget } from './reportTarget';
