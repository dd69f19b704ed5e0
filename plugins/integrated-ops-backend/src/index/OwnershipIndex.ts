import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  NetworkDeclaration,
  OpsTeam,
  lowerRef,
} from '@integrated-ops/plugin-integrated-ops-common';
import { entityFacts, EntityFacts, HostnameReason } from './entityFacts';
import { PrefixTable } from './PrefixTable';

export type { HostnameReason } from './entityFacts';

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Removes the first value the predicate picks from the list under key; drops an emptied key. */
function pull<K, V>(map: Map<K, V[]>, key: K, pick: (v: V) => boolean) {
  const list = map.get(key);
  const at = list?.findIndex(pick) ?? -1;
  if (!list || at < 0) return;
  list.splice(at, 1);
  if (!list.length) map.delete(key);
}

function userEmail(entity: Entity): string | undefined {
  if (entity.kind.toLocaleLowerCase('en-US') !== 'user') return undefined;
  const email = (entity.spec?.profile as { email?: unknown } | undefined)
    ?.email;
  return typeof email === 'string'
    ? email.toLocaleLowerCase('en-US')
    : undefined;
}

/** What changed in the catalog since the index last caught up with it. */
export interface IndexChanges {
  /** New entities and new versions of known ones. */
  upserted: Iterable<Entity>;
  /** Lower-case refs of entities that are gone. */
  removed: Iterable<string>;
}

/**
 * An in-memory view of the catalog shaped for incident lookups: entities by
 * ref, name, hostname and address; network segments by CIDR (longest
 * prefix); the dependency graph in both directions; team members and parsed
 * ops declarations.
 *
 * Built once from the whole catalog, then patched with each delta
 * (`apply`). A patch is synchronous, so a request never sees an entity half
 * replaced. Callers outside this class only read the maps.
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
  /** group ref -> its members' refs (hasMember), lower-cased like every ref here. */
  readonly members = new Map<string, string[]>();
  readonly teams = new Map<string, OpsTeam>();
  readonly networks = new Map<string, NetworkDeclaration>();
  /** lower-cased email -> user ref: how on-call vendors' people become catalog users. */
  readonly usersByEmail = new Map<string, string>();
  #builtAt: Date;
  #version = 0;

  private constructor(builtAt: Date) {
    this.#builtAt = builtAt;
  }

  /** An index of nothing, to be filled with `apply`. */
  static empty(builtAt: Date = new Date()): OwnershipIndex {
    return new OwnershipIndex(builtAt);
  }

  static build(
    entities: Iterable<Entity>,
    builtAt: Date = new Date(),
  ): OwnershipIndex {
    const index = new OwnershipIndex(builtAt);
    index.apply({ upserted: entities, removed: [] });
    return index;
  }

  /**
   * Bumped by every patch (`apply`): what was made from the index's content
   * (the answers' shared parts) holds only while it stays the same.
   */
  get version(): number {
    return this.#version;
  }

  /** When the index last caught up with the catalog. */
  get builtAt(): Date {
    return this.#builtAt;
  }

  /**
   * Patches the index with a catalog delta: each removed or replaced
   * entity's old contributions come out, each new version's go in. An entity
   * whose declarations cannot be read (which the catalog module reports) is
   * left out, old version included, rather than allowed to stop the patch.
   * Returns how many were left out.
   */
  apply(changes: IndexChanges): { skipped: number } {
    this.#version++;
    let skipped = 0;
    for (const ref of changes.removed) this.#remove(lowerRef(ref));
    for (const entity of changes.upserted) {
      let facts: EntityFacts;
      try {
        facts = entityFacts(entity);
      } catch {
        // Nor may its previous version linger.
        this.#remove(lowerRef(stringifyEntityRef(entity)));
        skipped++;
        continue;
      }
      this.#remove(facts.ref);
      this.#add(facts, entity);
    }
    return { skipped };
  }

  /** Records that the index matched the catalog as of `at`. */
  markCurrent(at: Date): void {
    this.#builtAt = at;
  }

  #add(facts: EntityFacts, entity: Entity) {
    const { ref } = facts;
    this.entities.set(ref, entity);
    push(this.byName, facts.name, ref);
    for (const { host, reason } of facts.hostnames)
      push(this.byHostname, host, { ref, reason });
    for (const address of facts.addresses) push(this.byAddress, address, ref);
    for (const cidr of facts.cidrs) this.segments.add(cidr, ref);
    if (facts.segment) push(this.segmentMembers, facts.segment, ref);
    if (facts.needs.length) this.needs.set(ref, facts.needs);
    for (const target of facts.needs) push(this.neededBy, target, ref);
    if (facts.members.length) this.members.set(ref, facts.members);
    if (facts.team) this.teams.set(ref, facts.team);
    if (facts.network) this.networks.set(ref, facts.network);
    const email = userEmail(entity);
    if (email) this.usersByEmail.set(email, ref);
  }

  #remove(ref: string) {
    const entity = this.entities.get(ref);
    if (!entity) return;
    // The same facts #add used: entityFacts is a pure function of the entity.
    const facts = entityFacts(entity);
    const isRef = (r: string) => r === ref;
    this.entities.delete(ref);
    pull(this.byName, facts.name, isRef);
    for (const { host, reason } of facts.hostnames)
      pull(this.byHostname, host, h => h.ref === ref && h.reason === reason);
    for (const address of facts.addresses) pull(this.byAddress, address, isRef);
    for (const cidr of facts.cidrs) this.segments.remove(cidr, ref);
    if (facts.segment) pull(this.segmentMembers, facts.segment, isRef);
    this.needs.delete(ref);
    for (const target of facts.needs) pull(this.neededBy, target, isRef);
    this.members.delete(ref);
    this.teams.delete(ref);
    this.networks.delete(ref);
    const email = userEmail(entity);
    if (email && this.usersByEmail.get(email) === ref) {
      this.usersByEmail.delete(email);
    }
  }

  get size(): number {
    return this.entities.size;
  }

  entity(ref: string): Entity | undefined {
    return this.entities.get(lowerRef(ref));
  }
}
