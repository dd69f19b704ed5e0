import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  DISCIPLINES,
  onCallAt,
  parseOpsTeam,
} from '@internal/plugin-integrated-ops-common';
import ipaddr from 'ipaddr.js';
import { KeepAliveHttp } from './keepAliveHttp';

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

  /** Owners, teams, on-call and escalation for one entity. */
  async assemble(entity: Entity, at: Date) {
    const own = (entity.spec?.opsOwners ?? {}) as Record<string, string>;
    const [system] = entity.spec?.system
      ? await this.#byRefs([`system:default/${entity.spec.system}`])
      : [];
    const inherited = (system?.spec?.opsOwners ?? {}) as Record<string, string>;
    const owners = Object.fromEntries(
      DISCIPLINES.map(d => [d, own[d] ?? inherited[d] ?? entity.spec?.owner]),
    );
    const teams = (
      await this.#byRefs([...new Set(Object.values(owners) as string[])])
    ).filter(Boolean) as Entity[];
    const people = new Set<string>();
    const escalation = new Set<string>();
    for (const team of teams) {
      const ops = parseOpsTeam(team);
      if (!ops.ok || !ops.value) continue;
      ops.value.onCall?.forEach(r => r.members.forEach(m => people.add(m)));
      if (ops.value.lead) people.add(ops.value.lead);
      if (ops.value.escalatesTo) escalation.add(ops.value.escalatesTo);
    }
    const more = await this.#byRefs([...people, ...escalation]);
    const onCall = teams.map(team => {
      const ops = parseOpsTeam(team);
      return ops.ok && ops.value?.onCall
        ? ops.value.onCall.map(r => onCallAt(r, at).member)
        : [];
    });
    return {
      entity: stringifyEntityRef(entity),
      owners,
      teams: teams.length,
      onCall,
      people: more.length,
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
