import { createApiRef } from '@backstage/core-plugin-api';
import type { ScorecardsApiClient } from '@integrated-ops/plugin-scorecards-common';

/** The scorecards backend, as the generated client calls it. */
export type ScorecardsApi = Pick<
  ScorecardsApiClient,
  'entity' | 'campaigns' | 'campaign' | 'campaignCsv'
>;

/** The scorecards backend's client. */
export const scorecardsApiRef = createApiRef<ScorecardsApi>({
  id: 'plugin.scorecards.api',
});
