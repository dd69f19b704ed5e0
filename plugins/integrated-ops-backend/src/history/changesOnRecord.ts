import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { ChangeOnRecord } from '@integrated-ops/plugin-integrated-ops-common';

/** The change requests that named an entity as a target, filed at or before a time, newest first. */
export type ChangesOnRecord = (input: {
  entityRef: string;
  before: string;
  credentials: BackstageCredentials;
}) => Promise<ChangeOnRecord[]>;

/** What this plugin reads of the ops-requests plugin's ChangeRequest. */
interface ListedRequest {
  id: string;
  kind: string;
  title: string;
  state: string;
  requestedBy: string;
  requestedAt: string;
  approvals: { discipline: string; decidedBy: string; decidedAt: string }[];
  appliedAt?: string;
  revokedAt?: string;
}

/**
 * Reads them from the ops-requests plugin as the caller (an on-behalf-of
 * token), so its permission policy decides what the caller sees.
 */
export function opsRequestsChanges(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  fetch?: typeof fetch;
}): ChangesOnRecord {
  const doFetch = options.fetch ?? fetch;
  return async ({ entityRef, before, credentials }) => {
    const base = await options.discovery.getBaseUrl('ops-requests');
    const { token } = await options.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'ops-requests',
    });
    const url = new URL(`${base}/requests`);
    url.searchParams.set('view', 'all');
    url.searchParams.set('target', entityRef);
    url.searchParams.set('before', before);
    const response = await doFetch(url, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    const { items } = (await response.json()) as { items: ListedRequest[] };
    return items.map(r => ({
      id: r.id,
      title: r.title,
      kind: r.kind,
      state: r.state,
      requestedBy: r.requestedBy,
      requestedAt: r.requestedAt,
      approvals: r.approvals.map(a => ({
        role: a.discipline,
        by: a.decidedBy,
        at: a.decidedAt,
      })),
      appliedAt: r.appliedAt,
      revokedAt: r.revokedAt,
    }));
  };
}
