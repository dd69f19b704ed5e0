import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import SecurityIcon from '@material-ui/icons/Security';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { SecurityFindingsApiClient } from '@integrated-ops/plugin-security-findings-common';
import { LookupAnswerSectionBlueprint } from '@integrated-ops/plugin-integrated-ops-react';
import { securityFindingsApiRef } from './api';
import { overviewRouteRef } from './routes';

const securityFindingsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: securityFindingsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new SecurityFindingsApiClient({ discoveryApi, fetchApi }),
    }),
});

/** Component pages: the open findings by severity, SLA state and owner. */
export const securityFindingsCard = EntityCardBlueprint.make({
  name: 'findings',
  params: {
    filter: { kind: 'component' },
    loader: () =>
      import('./components/SecurityFindingsCard').then(m => (
        <m.SecurityFindingsCard />
      )),
  },
});

/** The team page: the team's open findings by discipline. */
export const teamFindingsCard = EntityCardBlueprint.make({
  name: 'team-findings',
  params: {
    filter: { kind: 'group' },
    loader: () =>
      import('./components/TeamFindingsCard').then(m => <m.TeamFindingsCard />),
  },
});

/** The incident lookup's answer for a component: its open critical and high findings. */
export const lookupFindingsSection = LookupAnswerSectionBlueprint.make({
  name: 'findings',
  params: {
    kinds: ['component'],
    loader: () =>
      import('./components/LookupFindingsSection').then(m => (
        <m.LookupFindingsSection />
      )),
  },
});

/** SecOps' overview: past SLA by team and discipline, worst components, unrouted reports. */
export const secOpsOverviewPage = PageBlueprint.make({
  params: {
    path: '/security-findings',
    title: 'Security findings',
    icon: <SecurityIcon />,
    routeRef: overviewRouteRef,
    loader: () =>
      import('./components/SecOpsOverviewPage').then(m => (
        <m.SecOpsOverviewPage />
      )),
  },
});

/**
 * The security-findings plugin for Backstage's new frontend system.
 *
 * @public
 */
export const securityFindingsPlugin = createFrontendPlugin({
  pluginId: 'security-findings',
  title: 'Security findings',
  routes: { overview: overviewRouteRef },
  extensions: [
    securityFindingsApi,
    securityFindingsCard,
    teamFindingsCard,
    secOpsOverviewPage,
    lookupFindingsSection,
  ],
});
