import {
  BackstageCredentials,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { formatIpRange } from '@integrated-ops/plugin-connectivity-common';
import {
  ConnectivityInvariant,
  invariantViolations,
  isInvariantDestination,
} from '@integrated-ops/plugin-ops-requests-common';
import { resolve } from 'path';
import { invariantEndpoints } from './invariantFlows';
import { MainNetwork } from './MainConnectivity';

/**
 * Destinations judged per look at main: its cost, fixed before it starts.
 *
 * @public
 */
export const MAX_CHECKED_DESTINATIONS = 2000;

/**
 * One connection main allows that an invariant forbids.
 *
 * @public
 */
export interface InvariantViolation {
  /** The destination's entity ref (lower case). */
  destination: string;
  /** The invariant's words for it, naming source and destination. */
  message: string;
}

/**
 * What main allows against the policy's invariants.
 *
 * @public
 */
export interface InvariantsOnMain {
  /** Destinations an invariant judges (the first `maxDestinations` looked at). */
  destinations: string[];
  /** Connections into them looked at. */
  connections: number;
  /** Each connection into them an invariant forbids, once per invariant. */
  violations: InvariantViolation[];
  /** More destinations were judged than looked at. */
  truncated: boolean;
}

/**
 * The change policy's file: `integratedOps.policy.file`, resolved from the
 * backend's working directory as every reader of the policy does.
 *
 * @public
 */
export function changePolicyFile(config: RootConfigService): string {
  return resolve(
    config.getOptionalString('integratedOps.policy.file') ??
      '../../policies/change-policy.yaml',
  );
}

/**
 * Every connection main allows into a destination an invariant judges, from
 * every workload and address range, judged by the invariants. Read-only:
 * what to do about a violation is the caller's (tell its owner, count it
 * as a fact).
 *
 * @public
 */
export async function invariantsOnMain(deps: {
  network: MainNetwork;
  invariants: readonly ConnectivityInvariant[];
  catalog: CatalogService;
  credentials: BackstageCredentials;
  maxDestinations?: number;
  logger?: LoggerService;
}): Promise<InvariantsOnMain> {
  const { catalog, credentials, invariants } = deps;
  const { estate } = deps.network;
  if (!invariants.length) {
    return {
      destinations: [],
      connections: 0,
      violations: [],
      truncated: false,
    };
  }
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
    deps.logger?.warn(
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
  const violations: InvariantViolation[] = [];
  for (const c of connections) {
    for (const message of invariantViolations(invariants, [
      {
        from: end(c.from, c.fromWorkload),
        to: endOf(c.to, c.toWorkload),
        allows: c.allows,
      },
    ])) {
      violations.push({ destination: c.to, message });
    }
  }
  return {
    destinations,
    connections: connections.length,
    violations,
    truncated: judged.length > max,
  };
}
