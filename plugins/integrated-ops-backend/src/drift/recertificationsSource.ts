import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { RecertificationItem } from './recertificationDrift';

/** Where each ownership declaration's re-certification stands (the ops-requests plugin). */
export type RecertificationsSource = (
  credentials: BackstageCredentials,
) => Promise<{ periodDays?: number; items: RecertificationItem[] }>;

/** Reads GET /recertifications of the ops-requests plugin as the caller. */
export function opsRequestsRecertifications(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}): RecertificationsSource {
  return async credentials => {
    const base = await options.discovery.getBaseUrl('ops-requests');
    const { token } = await options.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'ops-requests',
    });
    const response = await fetch(`${base}/recertifications`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.json();
  };
}
