/**
 * Scorecards' wire types and client.
 *
 * @packageDocumentation
 */
export type { components } from './schema/openapi/generated/types';
export * from './types';
export * from './checkConditions';
export * from './client/ScorecardsApiClient';
