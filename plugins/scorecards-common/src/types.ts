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

/**
 * A campaign's target: a level in one discipline.
 *
 * @public
 */
export type CampaignTarget = components['schemas']['CampaignTarget'];

/**
 * A campaign with how many of its entities reach the target.
 *
 * @public
 */
export type CampaignSummary = components['schemas']['CampaignSummary'];

/**
 * One day of a campaign's burn-down.
 *
 * @public
 */
export type CampaignDay = components['schemas']['CampaignDay'];

/**
 * A team's entities in a campaign, and how many are below the target.
 *
 * @public
 */
export type CampaignTeam = components['schemas']['CampaignTeam'];

/**
 * One entity of a campaign, as last computed.
 *
 * @public
 */
export type CampaignEntity = components['schemas']['CampaignEntity'];

/**
 * A campaign: burn-down, teams behind and its entities.
 *
 * @public
 */
export type Campaign = components['schemas']['Campaign'];
