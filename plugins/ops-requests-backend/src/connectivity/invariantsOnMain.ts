import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { RELATION_OPS_OWNED_BY } from '@integrated-ops/plugin-integrated-ops-common';
import {
  invariantsOnMain,
  loadChangePolicy,
  MainConnectivity,
} from '@integrated-ops/plugin-ops-requests-node';
import { createHash } from 'crypto';

/** One invariant main breaks, and whom it was told to. */
export interface MainViolation {
  destination: string;
  message: string;
  told?: string;
}

/**
 * The change policy's connectivity invariants checked on main as it is (a
 * commit merged by hand, or a policy tightened after a rule was approved):
 * every connection into a destination an invariant judges, from every
 * workload and address range. Each violation is told to the destination's
 * SecOps owner as one notification whose scope is the violation: each check
 * raises the same notification again (unread) while the violation stands,
 * rather than adding another.
 */
export async function checkInvariantsOnMain(deps: {
  connectivity: MainConnectivity;
  catalog: CatalogService;
  credentials: BackstageCredentials;
  policyFile: string;
  notifications: NotificationService;
  logger: LoggerService;
  maxDestinations?: number;
}): Promise<MainViolation[]> {
  const { catalog, credentials, notifications, logger } = deps;
  const invariants =
    (await loadChangePolicy(deps.policyFile)).spec.connectivity?.invariants ??
    [];
  if (!invariants.length) return [];
  const network = await deps.connectivity.read(credentials);
  if (!network) {
    logger.warn('Connectivity invariants not checked: main cannot be read');
    return [];
  }
  const judged = await invariantsOnMain({
    network,
    invariants,
    catalog,
    credentials,
    maxDestinations: deps.maxDestinations,
    logger,
  });
  const found: MainViolation[] = judged.violations.map(v => ({ ...v }));
  const owners = await secopsOwners(catalog, credentials, [
    ...new Set(found.map(v => v.destination)),
  ]);
  for (const v of found) {
    const owner = owners.get(v.destination);
    if (!owner) continue;
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef: owner },
        payload: {
          title: `Connectivity invariant broken on main: ${
            v.message.split(':')[0]
          }`,
          description: `${v.message}. Main allows it now (merged by hand, or allowed before the policy said otherwise): revoke the rule that opens it.`,
          link: `/ops-lookup?q=${encodeURIComponent(v.destination)}`,
          severity: 'high',
          topic: 'ops-requests.connectivity-invariant',
          scope: `connectivity-invariant.${createHash('sha256')
            .update(v.message)
            .digest('hex')
            .slice(0, 32)}`,
        },
      });
      v.told = owner;
    } catch (error) {
      logger.error(`Could not tell ${owner} of ${v.message}`, error as Error);
    }
  }
  logger.info(
    `Connectivity invariants on main at ${network.main.commit ?? 'its head'}: ${
      judged.destinations.length
    } destination(s) judged, ${judged.connections} connection(s) into them, ${
      found.length
    } violation(s)`,
  );
  if (found.length) {
    logger.warn(
      `${found.length} connectivity invariant violation(s) on main: ${found
        .slice(0, 5)
        .map(v => v.message)
        .join('; ')}`,
    );
  }
  return found;
}

/** Each destination's SecOps owner (typed relation secopsOwnedBy). */
async function secopsOwners(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  refs: string[],
): Promise<Map<string, string>> {
  if (!refs.length) return new Map();
  const { items } = await catalog.getEntitiesByRefs(
    { entityRefs: refs, fields: ['relations'] },
    { credentials },
  );
  const out = new Map<string, string>();
  items.forEach((e, i) => {
    const owner = e?.relations?.find(
      r => r.type === RELATION_OPS_OWNED_BY.secops,
    )?.targetRef;
    if (owner) out.set(refs[i], owner);
  });
  return out;
}
