import type { components } from './schema/openapi/generated/types';

/**
 * A team whose ownership is no longer true, as the coverage report lists it
 * (`GET /coverage`, derived from openapi.yaml).
 *
 * @public
 */
export type TeamDrift = NonNullable<
  components['schemas']['CoverageResponse']['drift']
>[number];

/**
 * What is wrong with a team's ownership: its group was deleted, it has no
 * members or lead, a rotation member or vendor person is unknown, it has not
 * re-certified, or a hand-over is not in the catalog yet.
 *
 * @public
 */
export type TeamDriftKind = TeamDrift['kind'];
