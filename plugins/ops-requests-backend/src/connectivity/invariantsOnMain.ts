import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { formatIpRange } from '@integrated-ops/plugin-connectivity-common';
import { RELATION_OPS_OWNED_BY } from '@integrated-ops/plugin-integrated-ops-common';
import {
  invariantViolations,
  isInvariantDestination,
} from '@integrated-ops/plugin-ops-requests-common';
import {
  invariantEndpoints,
  loadChangePolicy,
  MainConnectivity,
} from '@integrated-ops/plugin-ops-requests-node';
import { createHash } from 'crypto';

/** Destinations looked at per check (its cost, fixed before it starts). */
export const MAX_CHECKED_DESTINATIONS = 2000;

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
  const { estate } = network;
  const refs = [...estate.entities.keys()];
  const endOf = await invariantEndpoints(refs, catalog, credentials);
  const judged = refs.filter(ref =>
    isInvariantDestination(
      invariants,
      endOf(ref, estate.entities.get(ref)![0]),
    ),
  );
  const max = deps.maxDestinations ?? MAX_CHECKED_DESTINATIONS;
  const destinations = judged.slice(0, max);
  if (judged.length > max) {
    logger.warn(
      `Connectivity invariants on main: ${judged.length} destinations, only the first ${max} judged`,
    );
  }

  const connections = destinations.flatMap(ref =>
    estate.entities.get(ref)!.flatMap(id =>
      estate.model.connectionsOf(id, 'inbound').map(c => ({
        to: ref,
        toWorkload: id,
        from:
          c.src.kind === 'external'
            ? formatIpRange(c.src.range)
            : estate.owners.get(c.src.id)?.[0] ?? c.src.id,
        fromWorkload: c.src.kind === 'external' ? undefined : c.src.id,
        allows: c.conns.toString(),
      })),
    ),
  );
  const end = await invariantEndpoints(
    connections.map(c => c.from),
    catalog,
    credentials,
  );
  const found: MainViolation[] = [];
  for (const c of connections) {
    for (const message of invariantViolations(invariants, [
      {
        from: end(c.from, c.fromWorkload),
        to: endOf(c.to, c.toWorkload),
        allows: c.allows,
      },
    ])) {
      found.push({ destination: c.to, message });
    }
  }
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
      destinations.length
    } destination(s) judged, ${connections.length} connection(s) into them, ${
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
