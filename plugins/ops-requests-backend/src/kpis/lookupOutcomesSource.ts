import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  bearerFetchApi,
  IntegratedOpsApiClient,
} from '@integrated-ops/plugin-integrated-ops-common';

/** Lookups that found no owner over whole UTC days (the integrated-ops plugin counts them). */
export type LookupOutcomesSource = (
  credentials: BackstageCredentials,
  fromDay: string,
  toDay: string,
) => Promise<{ noMatch: number; noOwner: number }>;

/** Reads GET /kpis/lookups of the integrated-ops plugin as the caller. */
export function integratedOpsLookupOutcomes(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}): LookupOutcomesSource {
  return async (credentials, fromDay, toDay) => {
    const lookup = new IntegratedOpsApiClient({
      discoveryApi: options.discovery,
      fetchApi: bearerFetchApi(
        async () =>
          (
            await options.auth.getPluginRequestToken({
              onBehalfOf: credentials,
              targetPluginId: 'integrated-ops',
            })
          ).token,
      ),
    });
    const { days } = await lookup.lookupOutcomes(
      { from: fromDay, to: toDay },
      { signal: AbortSignal.timeout(5000) },
    );
    return days.reduce(
      (sum, d) => ({
        noMatch: sum.noMatch + d.noMatch,
        noOwner: sum.noOwner + d.noOwner,
      }),
      { noMatch: 0, noOwner: 0 },
    );
  };
}
