import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { integratedOpsApiRef, IntegratedOpsClient } from './api';
import { OpsOwnersPicker } from './components/OpsOwnersPicker';
import { coverageRouteRef, lookupRouteRef, requestsRouteRef } from './routes';

/** The Integrated Ops plugin for apps on the legacy frontend system. */
export const integratedOpsPlugin = createPlugin({
  id: 'integrated-ops',
  apis: [
    createApiFactory({
      api: integratedOpsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new IntegratedOpsClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    lookup: lookupRouteRef,
    coverage: coverageRouteRef,
    requests: requestsRouteRef,
  },
});

/** Route element for `/ops-lookup`. */
export const OpsLookupPage = integratedOpsPlugin.provide(
  createRoutableExtension({
    name: 'OpsLookupPage',
    component: () =>
      import('./components/OpsLookupPage').then(m => m.OpsLookupPage),
    mountPoint: lookupRouteRef,
  }),
);

/** Route element for `/ops-coverage`. */
export const OpsCoveragePage = integratedOpsPlugin.provide(
  createRoutableExtension({
    name: 'OpsCoveragePage',
    component: () =>
      import('./components/OpsCoveragePage').then(m => m.OpsCoveragePage),
    mountPoint: coverageRouteRef,
  }),
);

/** Route element for `/ops-requests` (and `/ops-requests/:id`). */
export const OpsRequestsPage = integratedOpsPlugin.provide(
  createRoutableExtension({
    name: 'OpsRequestsPage',
    component: () =>
      import('./components/RequestsPage').then(m => m.RequestsPage),
    mountPoint: requestsRouteRef,
  }),
);

/** Entity page card: the three ops owners, on call now, contacts, escalation. */
export const EntityOpsOwnersCard = integratedOpsPlugin.provide(
  createComponentExtension({
    name: 'EntityOpsOwnersCard',
    component: {
      lazy: () =>
        import('./components/OpsOwnersCard').then(m => m.OpsOwnersCard),
    },
  }),
);

/** Group page card: what the team owns per discipline. */
export const EntityTeamOpsOwnershipCard = integratedOpsPlugin.provide(
  createComponentExtension({
    name: 'EntityTeamOpsOwnershipCard',
    component: {
      lazy: () =>
        import('./components/TeamOwnershipCard').then(m => m.TeamOwnershipCard),
    },
  }),
);

/** Scaffolder field `ui:field: OpsOwnersPicker`: the three owners, pre-filled from the System. */
export const OpsOwnersPickerFieldExtension = integratedOpsPlugin.provide(
  createScaffolderFieldExtension({
    name: 'OpsOwnersPicker',
    component: OpsOwnersPicker,
  }),
);
