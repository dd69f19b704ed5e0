import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  NetworkDeclaration,
  OpsTeam,
  parseNetwork,
  parseOpsTeam,
  tryNormalizeEntityRef,
  lowerRef,
} from '@integrated-ops/plugin-integrated-ops-common';
import { apiServerHostnames } from './apiServerHostnames';
import { parseAddress } from './PrefixTable';

export type HostnameReason = 'hostname' | 'api-server';

/**
 * What one entity contributes to the ownership index. Derived from the entity
 * alone, so the same function tells the index what to add for a new version
 * and what to take out for the old one.
 */
export interface EntityFacts {
  ref: string;
  name: string;
  hostnames: { host: string; reason: HostnameReason }[];
  /** Normalised addresses (IPv4-mapped IPv6 as IPv4). */
  addresses: string[];
  cidrs: string[];
  /** The network segment it sits in, as a full lower-case ref. */
  segment?: string;
  /** What it needs: dependsOn, consumed APIs, its API provider, its segment; unique, never itself. */
  needs: string[];
  /** hasMember targets, for a team. */
  members: string[];
  team?: OpsTeam;
  network?: NetworkDeclaration;
}

export function entityFacts(entity: Entity): EntityFacts {
  const ref = lowerRef(stringifyEntityRef(entity));
  const needs = new Set<string>();
  const facts: EntityFacts = {
    ref,
    name: lowerRef(entity.metadata.name),
    hostnames: [],
    addresses: [],
    cidrs: [],
    needs: [],
    members: [],
  };

  const network = parseNetwork(entity);
  if (network.ok) {
    facts.network = network.value;
    for (const host of network.value.hostnames ?? [])
      facts.hostnames.push({ host, reason: 'hostname' });
    for (const address of network.value.addresses ?? [])
      facts.addresses.push(parseAddress(address).toString());
    facts.cidrs.push(...(network.value.cidrs ?? []));
    // A malformed segment ref is skipped, never allowed to break the index.
    facts.segment = tryNormalizeEntityRef(network.value.segment, {
      defaultKind: 'resource',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    });
    if (facts.segment) needs.add(facts.segment);
  }
  const kind = lowerRef(entity.kind);
  if (kind === 'api') {
    for (const host of apiServerHostnames(entity))
      facts.hostnames.push({ host, reason: 'api-server' });
  }
  if (kind === 'group') {
    const team = parseOpsTeam(entity);
    if (team.ok && team.value) facts.team = team.value;
  }

  for (const relation of entity.relations ?? []) {
    switch (relation.type) {
      case 'dependsOn':
      case 'consumesApi':
      case 'apiProvidedBy':
        needs.add(lowerRef(relation.targetRef));
        break;
      case 'hasMember':
        facts.members.push(lowerRef(relation.targetRef));
        break;
      default:
    }
  }
  needs.delete(ref);
  facts.needs = [...needs];
  return facts;
}
