import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type { ConnectivityEffect } from '@integrated-ops/plugin-connectivity-node';
import type {
  InvariantEndpoint,
  InvariantFlow,
} from '@integrated-ops/plugin-ops-requests-common';

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/** `kind:namespace/name` at the start of an effect's end (`resource:default/db (10.40.2.11)`). */
const leadingRef = (name: string) =>
  /^([a-z][\w-]*:[\w.-]+\/[\w.-]+)(?:\s|$)/i
    .exec(name)?.[1]
    ?.toLocaleLowerCase('en-US');

/** Its segment's full ref (`seg-dmz` is `resource:default/seg-dmz`), lower-case. */
function segmentOf(e: Entity): string | undefined {
  const segment = (e.spec?.network as { segment?: unknown } | undefined)
    ?.segment;
  if (typeof segment !== 'string') return undefined;
  try {
    return lower(
      stringifyEntityRef(
        parseEntityRef(segment, {
          defaultKind: 'resource',
          defaultNamespace: e.metadata.namespace ?? 'default',
        }),
      ),
    );
  } catch {
    return undefined;
  }
}
const zoneOf = (e: Entity | undefined) =>
  (e?.spec?.network as { zone?: string } | undefined)?.zone;

/**
 * Reads what the invariants judge of the entities named (and of their
 * segments) in two catalog calls; answers each end by its name: its zone
 * (its own `spec.network.zone`, else its segment's), its tags as data
 * classes, and whether it is an address range (no workload). Read with the
 * given credentials (the plugin's own: a gate fact must not depend on what
 * the requester may read).
 *
 * @public
 */
export async function invariantEndpoints(
  names: readonly string[],
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<(name: string, workload?: string) => InvariantEndpoint> {
  const refs = [
    ...new Set(names.map(leadingRef).filter((r): r is string => !!r)),
  ];
  const byRef = new Map<string, Entity>();
  const read = async (entityRefs: string[]) => {
    if (!entityRefs.length) return;
    const { items } = await catalog.getEntitiesByRefs(
      {
        entityRefs,
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.tags',
          'spec.network',
        ],
      },
      { credentials },
    );
    for (const e of items) {
      if (e) byRef.set(lower(stringifyEntityRef(e)), e);
    }
  };
  await read(refs);
  await read(
    [...byRef.values()]
      .map(segmentOf)
      .filter((s): s is string => !!s && !byRef.has(s)),
  );
  return (name, workload) => {
    const entityRef = leadingRef(name);
    const entity = entityRef ? byRef.get(entityRef) : undefined;
    const segment = entity && segmentOf(entity);
    const zone =
      zoneOf(entity) ?? (segment ? zoneOf(byRef.get(segment)) : undefined);
    return {
      name,
      ...(entityRef ? { entityRef } : {}),
      ...(zone ? { zone } : {}),
      dataClasses: (entity?.metadata.tags ?? []).map(lower),
      external: !workload,
    };
  };
}

/**
 * The connections a change would add or change, each end as the invariants
 * see it (see invariantEndpoints).
 *
 * @public
 */
export async function invariantFlows(
  effect: Pick<ConnectivityEffect, 'added' | 'changed'>,
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<InvariantFlow[]> {
  const connections = [...effect.added, ...effect.changed];
  const end = await invariantEndpoints(
    connections.flatMap(c => [c.from, c.to]),
    catalog,
    credentials,
  );
  return connections.map(c => ({
    from: end(c.from, c.fromWorkload),
    to: end(c.to, c.toWorkload),
    allows: c.after,
  }));
}
