import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  NetworkDeclaration,
  tryNormalizeEntityRef,
  OpsTeam,
  parseNetwork,
  parseOpsTeam,
} from '@internal/plugin-integrated-ops-common';
import { apiServerHostnames } from './apiServerHostnames';
import { parseAddress, PrefixTable } from './PrefixTable';

const lower = (s: string) => s.toLocaleLowerCase('en-US');

export type HostnameReason = 'hostname' | 'api-server';

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * An immutable in-memory view of the catalog shaped for incident lookups:
 * entities by ref, name, hostname and address; network segments by CIDR
 * (longest-prefix); the dependency graph in both directions; team members and
 * parsed ops declarations. Built once per refresh, then only read.
 */
export class OwnershipIndex {
  readonly entities = new Map<string, Entity>();
  readonly byName = new Map<string, string[]>();
  readonly byHostname = new Map<
    string,
    { ref: string; reason: HostnameReason }[]
  >();
  readonly byAddress = new Map<string, string[]>();
  readonly segments = new PrefixTable();
  readonly segmentMembers = new Map<string, string[]>();
  /** ref -> what it needs (dependsOn, consumed APIs, API providers, its segment). */
  readonly needs = new Map<string, string[]>();
  /** ref -> what needs it. */
  readonly neededBy = new Map<string, string[]>();
  readonly members = new Map<string, string[]>();
  readonly teams = new Map<string, OpsTeam>();
  readonly networks = new Map<string, NetworkDeclaration>();

  private constructor(readonly builtAt: Date) {}

  static build(
    entities: Iterable<Entity>,
    builtAt: Date = new Date(),
  ): OwnershipIndex {
    const index = new OwnershipIndex(builtAt);
    const edges = new Set<string>();
    const addEdge = (from: string, to: string) => {
      const key = `${from}>${to}`;
      if (from === to || edges.has(key)) return;
      edges.add(key);
      push(index.needs, from, to);
      push(index.neededBy, to, from);
    };

    for (const entity of entities) {
      const ref = lower(stringifyEntityRef(entity));
      index.entities.set(ref, entity);
      push(index.byName, lower(entity.metadata.name), ref);

      const network = parseNetwork(entity);
      if (network.ok) {
        index.networks.set(ref, network.value);
        for (const host of network.value.hostnames ?? [])
          push(index.byHostname, host, { ref, reason: 'hostname' });
        for (const address of network.value.addresses ?? []) {
          push(index.byAddress, parseAddress(address).toString(), ref);
        }
        for (const cidr of network.value.cidrs ?? [])
          index.segments.add(cidr, ref);
        // A malformed segment ref is skipped, never allowed to break the build.
        const segmentRef = tryNormalizeEntityRef(network.value.segment, {
          defaultKind: 'resource',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        });
        if (segmentRef) {
          push(index.segmentMembers, segmentRef, ref);
          addEdge(ref, segmentRef);
        }
      }
      if (lower(entity.kind) === 'api') {
        for (const host of apiServerHostnames(entity))
          push(index.byHostname, host, { ref, reason: 'api-server' });
      }
      if (lower(entity.kind) === 'group') {
        const team = parseOpsTeam(entity);
        if (team.ok && team.value) index.teams.set(ref, team.value);
      }

      for (const relation of entity.relations ?? []) {
        const target = lower(relation.targetRef);
        switch (relation.type) {
          case 'dependsOn':
          case 'consumesApi':
          case 'apiProvidedBy':
            addEdge(ref, target);
            break;
          case 'hasMember':
            push(index.members, ref, target);
            break;
          default:
        }
      }
    }
    return index;
  }

  get size(): number {
    return this.entities.size;
  }

  entity(ref: string): Entity | undefined {
    return this.entities.get(lower(ref));
  }
}
