import type { components } from './schema/openapi/generated/types';

/* Wire types of the ownership history (GET /lookup?asOf=, GET /history), derived from openapi.yaml. */

/**
 * A change request that touched an entity, as the review after an incident reads it.
 *
 * @public
 */
export type ChangeOnRecord = components['schemas']['ChangeOnRecord'];

/**
 * What an as-of answer rests on: what was recorded then, and the changes that touched the entity.
 *
 * @public
 */
export type AnswerHistory = components['schemas']['AnswerHistory'];

/**
 * One change of one discipline's owner.
 *
 * @public
 */
export type OwnerChange = OwnershipTimeline['changes'][number];

/**
 * `GET /history?entity=`: the owners card's "owner since" and timeline.
 *
 * @public
 */
export type OwnershipTimeline = components['schemas']['OwnershipTimeline'];
