import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { ScorecardsApiClient } from '@integrated-ops/plugin-scorecards-common';
import { scorecardsApiRef } from './api';

const scorecardsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: scorecardsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ScorecardsApiClient({ discoveryApi, fetchApi }),
    }),
});

/** Component, system and resource pages: the three disciplines' readiness. */
export const scorecardCard = EntityCardBlueprint.make({
  name: 'scorecard',
  params: {
    filter: { kind: { $in: ['component', 'system', 'resource'] } },
    loader: () =>
      import('./components/ScorecardCard').then(m => <m.ScorecardCard />),
  },
});

/**
 * The scorecards plugin for Backstage's new frontend system.
 *
 * @public
 */
export const scorecardsPlugin = createFrontendPlugin({
  pluginId: 'scorecards',
  title: 'Scorecards',
  extensions: [scorecardsApi, scorecardCard],
});
