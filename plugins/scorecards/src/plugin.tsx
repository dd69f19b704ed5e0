import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import FlagIcon from '@material-ui/icons/Flag';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { ScorecardsApiClient } from '@integrated-ops/plugin-scorecards-common';
import { scorecardsApiRef } from './api';
import { campaignsRouteRef } from './routes';

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

/** Team pages: the team's standing and rank in each campaign. */
export const teamCampaignsCard = EntityCardBlueprint.make({
  name: 'team-campaigns',
  params: {
    filter: { kind: 'group' },
    loader: () =>
      import('./components/TeamCampaignsCard').then(m => (
        <m.TeamCampaignsCard />
      )),
  },
});

/** Campaigns: the list and one page per campaign (burn-down, teams behind). */
export const campaignsPage = PageBlueprint.make({
  params: {
    path: '/scorecard-campaigns',
    title: 'Campaigns',
    icon: <FlagIcon />,
    routeRef: campaignsRouteRef,
    loader: () =>
      import('./components/CampaignsPage').then(m => <m.CampaignsPage />),
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
  routes: { campaigns: campaignsRouteRef },
  extensions: [scorecardsApi, scorecardCard, teamCampaignsCard, campaignsPage],
});
