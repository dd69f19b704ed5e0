import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  IpRange,
  parseCidr,
  parseIpAddress,
} from '@integrated-ops/plugin-connectivity-common';
import type { ConnectivityEffect } from '@integrated-ops/plugin-connectivity-node';
import type {
  InvariantEndpoint,
  InvariantFlow,
} from '@integrated-ops/plugin-ops-requests-common';

/** What the invariants read of an entity. */
const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.tags',
  'spec.network',
];

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/** `kind:namespace/name` at the start of an effect's end (`resource:default/db (10.40.2.11)`). */
const leadingRef = (name: string) =>
  /^([a-z][\w-]*:[\w.-]+\/[\w.-]+)(?:\s|$)/i
    .exec(name)?.[1]
    ?.toLocaleLowerCase('en-US');

/** A segment's `spec.network.cidrs`, whatever the YAML held. */
const cidrsOf = (e: Entity): unknown[] => {
  const cidrs = (e.spec?.network as { cidrs?: unknown } | undefined)?.cidrs;
  return Array.isArray(cidrs) ? cidrs : [];
};

/** `10.20.1.0/24`, `10.20.1.10` or `10.20.1.0-10.20.1.255` as a range. */
function rangeOf(text: string): IpRange | undefined {
  const t = text.trim();
  const dash = /^([^\s-]+)-([^\s-]+)$/.exec(t);
  if (dash) {
    const [a, b] = [parseIpAddress(dash[1]), parseIpAddress(dash[2])];
    return a && b && a.family === b.family
      ? { family: a.family, start: a.start, end: b.end }
      : undefined;
  }
  return parseCidr(t) ?? parseIpAddress(t);
}

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
        fields: FIELDS,
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
  // A bare address range is in the zone of the narrowest segment covering
  // it: typing a DMZ host's /32 instead of its name does not leave the DMZ.
  const ranges = new Map(
    names.flatMap(n => {
      const range = leadingRef(n) ? undefined : rangeOf(n);
      return range ? [[n, range] as const] : [];
    }),
  );
  const segments = ranges.size
    ? (
        await catalog.getEntities(
          {
            filter: { kind: 'resource', 'spec.type': 'network-segment' },
            fields: FIELDS,
          },
          { credentials },
        )
      ).items.flatMap(e =>
        cidrsOf(e).flatMap(c => {
          const cidr = typeof c === 'string' ? parseCidr(c) : undefined;
          return cidr ? [{ entity: e, cidr }] : [];
        }),
      )
    : [];
  const coveringSegment = (range: IpRange) =>
    segments
      .filter(
        ({ cidr }) =>
          cidr.family === range.family &&
          cidr.start <= range.start &&
          range.end <= cidr.end,
      )
      .sort((a, b) =>
        a.cidr.end - a.cidr.start < b.cidr.end - b.cidr.start ? -1 : 1,
      )[0]?.entity;
  return (name, workload) => {
    const entityRef = leadingRef(name);
    const entity = entityRef ? byRef.get(entityRef) : undefined;
    const range = ranges.get(name);
    const covering = range ? coveringSegment(range) : undefined;
    const segment = entity && segmentOf(entity);
    // The segment's zone first: NetOps owns segments, an entity's own
    // owners could otherwise declare themselves into another zone.
    const zone =
      (segment ? zoneOf(byRef.get(segment)) : undefined) ??
      zoneOf(entity) ??
      zoneOf(covering);
    return {
      name,
      ...(entityRef ? { entityRef } : {}),
      ...(zone ? { zone } : {}),
      dataClasses: (entity ?? covering)?.metadata.tags?.map(lower) ?? [],
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
