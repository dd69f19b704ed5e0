import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { IntegratedOpsApiClient } from '@integrated-ops/plugin-integrated-ops-common';
import { ownServiceFetchApi } from '../auth/ownServiceFetchApi';

/**
 * The incident lookup's client (integrated-ops), called as the plugin that
 * asks: each call gets a fresh service token for integrated-ops on behalf
 * of the caller's own credentials. For plugins that need what the lookup
 * answers (who is on call for a team) without a user.
 *
 * @public
 */
export function lookupClientAsPlugin(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  /** Instead of the global fetch (tests). */
  fetch?: typeof fetch;
}): () => Promise<IntegratedOpsApiClient> {
  const { discovery, auth } = options;
  return async () =>
    new IntegratedOpsApiClient({
      discoveryApi: discovery,
      fetchApi: ownServiceFetchApi(auth, 'integrated-ops', options.fetch),
    });
}
