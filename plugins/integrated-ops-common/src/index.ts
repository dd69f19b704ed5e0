/**
 * Typed NetOps / DevOps / SecOps ownership for the Backstage catalog.
 *
 * @packageDocumentation
 */
export * from './disciplines';
export * from './relations';
export * from './refs';
export * from './declarations/opsOwners';
export * from './declarations/opsTeam';
export * from './declarations/network';
export type { ParseResult } from './declarations/parseResult';
export * from './onCall';
export * from './contacts';
export * from './inheritance';
export * from './readEffectiveOwners';
export * from './csv';
export * from './percentile';
export * from './coverage';
export * from './permissions';
export * from './formatTime';
export * from './describeShift';
export * from './summarizeAnswer';
export type * from './lookupTypes';
export type * from './historyTypes';
export type * from './driftTypes';
export type { components } from './schema/openapi/generated/types';
export { parseInput, parseWithMessages } from './describeIssues';
export {
  findControlCharacter,
  noControlCharacters,
  replaceControlCharacters,
} from './plainText';
export * from './changeEvents';
export * from './opsRequestsEvents';
export * from './client/pluginApiClient';
export * from './client/IntegratedOpsApiClient';
