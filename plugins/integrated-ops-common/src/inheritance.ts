import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { normalizeEntityRef, tryNormalizeEntityRef, lowerRef } from './refs';
import { Discipline, DISCIPLINES } from './disciplines';
import { parseOpsOwners } from './declarations/opsOwners';

/**
 * Where an effective owner comes from: declared on the entity, inherited from
 * an ancestor, the fallback spec.owner, or missing.
 *
 * @public
 */
export type OwnerSource = 'declared' | 'inherited' | 'fallback' | 'missing';

/**
 * One discipline's owner of an entity after inheritance, and where it was
 * declared.
 *
 * @public
 */
export interface EffectiveOwner {
  /** The discipline this owner is for. */
  discipline: Discipline;
  /** Group ref, absent when missing. */
  owner?: string;
  /** Whether the owner was declared, inherited, fallen back to spec.owner, or is missing. */
  source: OwnerSource;
  /** The entity the owner was declared on (for inherited owners, the ancestor). */
  declaredOn?: string;
}

/**
 * An entity's effective owner per discipline.
 *
 * @public
 */
export type EffectiveOwners = Record<Discipline, EffectiveOwner>;

const MAX_DEPTH = 8;

/**
 * The entity the given one inherits ownership from: a Component, Resource or
 * API from its System, a System from its Domain, a Domain from the Domain it
 * is a subdomain of.
 *
 * @public
 */
export function inheritanceParentRef(entity: Entity): string | undefined {
  const kind = lowerRef(entity.kind);
  const spec = entity.spec ?? {};
  // Malformed refs give undefined; the stock catalog processors report them.
  const ref = (value: unknown, defaultKind: string) =>
    tryNormalizeEntityRef(value, {
      defaultKind,
      defaultNamespace: entity.metadata.namespace ?? 'default',
    });
  if (kind === 'component' || kind === 'resource' || kind === 'api')
    return ref(spec.system, 'system');
  if (kind === 'system') return ref(spec.domain, 'domain');
  if (kind === 'domain') return ref(spec.subdomainOf, 'domain');
  return undefined;
}

/**
 * Walks System → Domain → parent Domains with the given lookup, nearest
 * first. Stops at a missing entity, a cycle or MAX_DEPTH.
 *
 * @public
 */
export async function collectAncestors(
  entity: Entity,
  lookup: (ref: string) => Promise<Entity | undefined>,
): Promise<Entity[]> {
  const ancestors: Entity[] = [];
  const seen = new Set([normalizeEntityRef(stringifyEntityRef(entity))]);
  let parentRef = inheritanceParentRef(entity);
  while (parentRef && !seen.has(parentRef) && ancestors.length < MAX_DEPTH) {
    seen.add(parentRef);
    const parent = await lookup(parentRef);
    if (!parent) break;
    ancestors.push(parent);
    parentRef = inheritanceParentRef(parent);
  }
  return ancestors;
}

/**
 * spec.owner as a full group ref, the fallback owner of every discipline.
 *
 * @public
 */
export function specOwnerRef(entity: Entity): string | undefined {
  return tryNormalizeEntityRef(entity.spec?.owner, {
    defaultKind: 'group',
    defaultNamespace: entity.metadata.namespace ?? 'default',
  });
}

/**
 * Effective owner per discipline: the entity's own declaration, else the
 * nearest ancestor's (System, then Domain chain), else `spec.owner` as a
 * fallback (flagged as a gap), else missing. Invalid declarations are skipped
 * here; the catalog processor reports them.
 *
 * @public
 */
export function resolveEffectiveOwners(
  entity: Entity,
  ancestors: Entity[],
): EffectiveOwners {
  const chain = [entity, ...ancestors];
  const declared = chain.map(e => {
    const parsed = parseOpsOwners(e);
    return {
      ref: normalizeEntityRef(stringifyEntityRef(e)),
      owners: parsed.ok ? parsed.value : {},
    };
  });
  const fallback = specOwnerRef(entity);

  const result = {} as EffectiveOwners;
  for (const discipline of DISCIPLINES) {
    const index = declared.findIndex(d => d.owners[discipline]);
    if (index >= 0) {
      result[discipline] = {
        discipline,
        owner: declared[index].owners[discipline],
        source: index === 0 ? 'declared' : 'inherited',
        declaredOn: declared[index].ref,
      };
    } else if (fallback) {
      result[discipline] = { discipline, owner: fallback, source: 'fallback' };
    } else {
      result[discipline] = { discipline, source: 'missing' };
    }
  }
  return result;
}

/**
 * The value of the owner-source annotation for one effective owner.
 *
 * @public
 */
export function describeOwnerSource(owner: EffectiveOwner): string {
  return owner.source === 'inherited'
    ? `inherited:${owner.declaredOn}`
    : owner.source;
}
