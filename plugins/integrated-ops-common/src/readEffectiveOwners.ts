import { lowerRef } from './refs';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Discipline, DISCIPLINES } from './disciplines';
import { EffectiveOwners, specOwnerRef } from './inheritance';
import { ownerSourceAnnotation, RELATION_OPS_OWNED_BY } from './relations';

/**
 * The effective owners of an entity as the catalog module recorded them: the
 * typed relations plus the owner-source annotations. An entity the module has
 * not processed (no annotation, no relation) falls back to spec.owner.
 *
 * @public
 */
export function readEffectiveOwners(entity: Entity): EffectiveOwners {
  const annotations = entity.metadata.annotations ?? {};
  const relations = entity.relations ?? [];
  const result = {} as EffectiveOwners;
  // Parsed only if some discipline needs it: this runs for every entity in
  // every lookup answer.
  let fallback: { ref?: string } | undefined;
  const fallbackRef = () => (fallback ??= { ref: specOwnerRef(entity) }).ref;

  for (const discipline of DISCIPLINES) {
    const relation = relations.find(
      r => r.type === RELATION_OPS_OWNED_BY[discipline],
    );
    const source = annotations[ownerSourceAnnotation(discipline)] ?? '';
    if (relation) {
      const inherited = source.startsWith('inherited:');
      result[discipline] = {
        discipline,
        owner: lowerRef(relation.targetRef),
        source: inherited ? 'inherited' : 'declared',
        declaredOn: inherited
          ? source.slice('inherited:'.length)
          : lowerRef(stringifyEntityRef(entity)),
      };
    } else if (fallbackRef()) {
      result[discipline] = {
        discipline,
        owner: fallbackRef(),
        source: 'fallback',
      };
    } else {
      result[discipline] = { discipline, source: 'missing' };
    }
  }
  return result;
}

/**
 * The ops owners that count for approvals and as defaults: declared or
 * inherited, never the spec.owner fallback (which is a gap, not an owner).
 *
 * @public
 */
export function opsOwnerRefs(
  entity: Entity,
): Partial<Record<Discipline, string>> {
  const effective = readEffectiveOwners(entity);
  const result: Partial<Record<Discipline, string>> = {};
  for (const d of DISCIPLINES) {
    if (effective[d].owner && effective[d].source !== 'fallback') {
      result[d] = effective[d].owner;
    }
  }
  return result;
}
