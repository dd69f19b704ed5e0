import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  DISCIPLINES,
  onCallAt,
  parseOpsTeam,
} from '@integrated-ops/plugin-integrated-ops-common';
import ipaddr from 'ipaddr.js';
import { KeepAliveHttp } from './keepAliveHttp';

const refOf = (entity: Entity) =>
  stringifyEntityRef(entity).toLocaleLowerCase('en-US');

/** The people and the escalation team a team entity names; nothing for a user. */
function namedBy(entity: Entity): string[] {
  if (entity.kind !== 'Group') return [];
  const refs = (entity.relations ?? [])
    .filter(r => r.type === 'hasMember')
    .map(r => r.targetRef);
  const ops = parseOpsTeam(entity);
  if (ops.ok && ops.value) {
    if (ops.value.lead) refs.push(ops.value.lead);
    if (ops.value.escalatesTo) refs.push(ops.value.escalatesTo);
    ops.value.onCall?.forEach(r => refs.push(...r.members));
  }
  return refs.map(r => r.toLocaleLowerCase('en-US'));
}

/**
 * The same answers a client has to assemble from the plain Backstage catalog
 * API (by-name, by-query, by-refs), without the integrated-ops index: owners
 * from spec.opsOwners with System inheritance, then the teams, then members,
 * leads and escalation targets, with on-call computed client-side.
 */
export class CatalogClientPath {
  calls = 0;

  constructor(private readonly http: KeepAliveHttp) {}

  async #get(path: string): Promise<any> {
    this.calls++;
    return this.http.json(`/api/catalog${path}`);
  }

  async #byRefs(entityRefs: string[]): Promise<(Entity | null)[]> {
    if (!entityRefs.length) return [];
    this.calls++;
    const { items } = await this.http.json('/api/catalog/entities/by-refs', {
      method: 'POST',
      json: { entityRefs },
    });
    return items;
  }

  /**
   * What the plugin answers for one entity: its three owners (own
   * declaration, else its System's, else spec.owner), each owning team with
   * its members and lead, who is on call, and the whole escalation path with
   * each step's on-call and lead. A client learns a team's escalation target
   * only by reading the team, so the path costs one round of calls per step.
   */
  async assemble(entity: Entity, at: Date) {
    const own = (entity.spec?.opsOwners ?? {}) as Record<string, string>;
    const [system] = entity.spec?.system
      ? await this.#byRefs([`system:default/${entity.spec.system}`])
      : [];
    const inherited = (system?.spec?.opsOwners ?? {}) as Record<string, string>;
    const owners = Object.fromEntries(
      DISCIPLINES.map(d => [d, own[d] ?? inherited[d] ?? entity.spec?.owner]),
    );
    const known = new Map<string, Entity>();
    let wanted = [...new Set(Object.values(owners).filter(Boolean))];
    while (wanted.length) {
      const next = new Set<string>();
      for (const found of await this.#byRefs(wanted)) {
        if (!found) continue;
        known.set(refOf(found), found);
        for (const ref of namedBy(found)) {
          if (!known.has(ref)) next.add(ref);
        }
      }
      wanted = [...next].filter(ref => !known.has(ref));
    }
    const onCall = [...known.values()].map(team => {
      const ops = team.kind === 'Group' ? parseOpsTeam(team) : undefined;
      return ops?.ok && ops.value?.onCall
        ? ops.value.onCall.map(r => onCallAt(r, at).member)
        : [];
    });
    return {
      entity: stringifyEntityRef(entity),
      owners,
      known: known.size,
      onCall,
    };
  }

  async byRef(ref: string, at: Date) {
    const [kind, rest] = ref.split(':');
    const entity = await this.#get(`/entities/by-name/${kind}/${rest}`);
    return this.assemble(entity, at);
  }

  async byHostname(hostname: string, at: Date) {
    const { items } = await this.#get(
      `/entities/by-query?filter=spec.network.hostnames=${encodeURIComponent(
        hostname,
      )}`,
    );
    return Promise.all(items.map((e: Entity) => this.assemble(e, at)));
  }

  /** The catalog cannot match an IP to a CIDR: the client pages through every segment. */
  async byIp(address: string, at: Date) {
    const ip = ipaddr.parse(address);
    let best: { ref: string; length: number } | undefined;
    let cursor: string | undefined;
    do {
      const page = await this.#get(
        cursor
          ? `/entities/by-query?cursor=${encodeURIComponent(cursor)}`
          : '/entities/by-query?filter=kind=resource,spec.type=network-segment&fields=kind,metadata.name,spec.network.cidrs&limit=10000',
      );
      for (const e of page.items as Entity[]) {
        for (const cidr of ((e.spec as any)?.network?.cidrs ??
          []) as string[]) {
          const [net, length] = ipaddr.parseCIDR(cidr);
          if (
            net.kind() === ip.kind() &&
            ip.match([net, length]) &&
            (!best || length > best.length)
          ) {
            best = { ref: `resource:default/${e.metadata.name}`, length };
          }
        }
      }
      cursor = page.pageInfo?.nextCursor;
    } while (cursor);
    if (!best) return [];
    const members = await this.#get(
      `/entities/by-query?filter=spec.network.segment=${encodeURIComponent(
        best.ref,
      )}`,
    );
    return Promise.all(
      [best.ref]
        .map(r => this.byRef(r, at))
        .concat(members.items.map((e: Entity) => this.assemble(e, at))),
    );
  }

  /** Dependents up to `depth` hops: one relation query per entity reached, then their owners. */
  async blastRadius(ref: string, depth: number, at: Date) {
    const seen = new Set([ref]);
    let frontier = [ref];
    for (let hop = 0; hop < depth; hop++) {
      const next: string[] = [];
      for (const from of frontier) {
        const { items } = await this.#get(
          `/entities/by-query?filter=relations.dependsOn=${encodeURIComponent(
            from,
          )}&fields=kind,metadata.name,metadata.namespace`,
        );
        for (const e of items as Entity[]) {
          const r = stringifyEntityRef(e).toLocaleLowerCase('en-US');
          if (!seen.has(r)) {
            seen.add(r);
            next.push(r);
          }
        }
      }
      frontier = next;
    }
    const reached = (await this.#byRefs([...seen])).filter(Boolean) as Entity[];
    return Promise.all(reached.map(e => this.assemble(e, at)));
  }
}
