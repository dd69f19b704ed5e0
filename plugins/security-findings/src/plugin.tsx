import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { SecurityFindingsApiClient } from '@integrated-ops/plugin-security-findings-common';
import { securityFindingsApiRef } from './api';

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

/**
 * The security-findings plugin for Backstage's new frontend system.
 *
 * @public
 */
export const securityFindingsPlugin = createFrontendPlugin({
  pluginId: 'security-findings',
  title: 'Security findings',
  extensions: [securityFindingsApi, securityFindingsCard],
});
