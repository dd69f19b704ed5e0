import type { components } from './schema/openapi/generated/types';

/**
 * A level a discipline reaches: none, bronze, silver or gold.
 *
 * @public
 */
export type Level = components['schemas']['Level'];

/**
 * One check's result, with its level and the action that fixes it.
 *
 * @public
 */
export type CheckOutcome = components['schemas']['CheckOutcome'];

/**
 * One discipline's checks and the level they reach.
 *
 * @public
 */
export type DisciplineScore = components['schemas']['DisciplineScore'];

/**
 * An entity's scorecard: three disciplines side by side.
 *
 * @public
 */
export type Scorecard = components['schemas']['Scorecard'];
