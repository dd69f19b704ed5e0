import { createApiRef } from '@backstage/core-plugin-api';
import type { ConnectivityApiClient } from '@integrated-ops/plugin-connectivity-common';

/** The connectivity backend, as the generated client calls it. */
export type ConnectivityApi = Pick<
  ConnectivityApiClient,
  'inbound' | 'outbound' | 'reach'
>;

/** The connectivity backend's client. */
export const connectivityApiRef = createApiRef<ConnectivityApi>({
  id: 'plugin.connectivity.api',
});
