import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';

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
    const base = await options.discovery.getBaseUrl('integrated-ops');
    const { token } = await options.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'integrated-ops',
    });
    const url = new URL(`${base}/kpis/lookups`);
    url.searchParams.set('from', fromDay);
    url.searchParams.set('to', toDay);
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    const { days } = (await response.json()) as {
      days: { noMatch: number; noOwner: number }[];
    };
    return days.reduce(
      (sum, d) => ({
        noMatch: sum.noMatch + d.noMatch,
        noOwner: sum.noOwner + d.noOwner,
      }),
      { noMatch: 0, noOwner: 0 },
    );
  };
}
