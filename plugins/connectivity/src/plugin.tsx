import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { ConnectivityApiClient } from '@integrated-ops/plugin-connectivity-common';
import { connectivityApiRef } from './api';

const connectivityApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: connectivityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ConnectivityApiClient({ discoveryApi, fetchApi }),
    }),
});

/** Component and resource pages: who can reach this, by which rule and request; and what it reaches. */
export const whoCanReachCard = EntityCardBlueprint.make({
  name: 'who-can-reach',
  params: {
    filter: { kind: { $in: ['component', 'resource'] } },
    loader: () =>
      import('./components/WhoCanReachCard').then(m => <m.WhoCanReachCard />),
  },
});

/**
 * The connectivity plugin for Backstage's new frontend system.
 *
 * @public
 */
export const connectivityPlugin = createFrontendPlugin({
  pluginId: 'connectivity',
  title: 'Connectivity',
  extensions: [connectivityApi, whoCanReachCard],
});
