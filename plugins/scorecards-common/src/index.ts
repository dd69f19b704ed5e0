/**
 * Scorecards' wire types and client.
 *
 * @packageDocumentation
 */
export type { components } from './schema/openapi/generated/types';
export * from './types';
export * from './client/ScorecardsApiClient';
