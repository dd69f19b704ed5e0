import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  Discipline,
  DISCIPLINES,
  ownerSourceAnnotation,
  RELATION_OPS_OWNER_OF,
} from '@integrated-ops/plugin-integrated-ops-common';

export interface OwnedEntity {
  ref: string;
  kind: string;
  title: string;
  /** `declared`, or the System/Domain ref it was inherited from. */
  source: string;
}

export type TeamOwnership = Record<Discipline, OwnedEntity[]>;

/** Refs a group owns per discipline, from its typed `<d>OwnerOf` relations. */
export function ownedRefs(group: Entity): Record<Discipline, string[]> {
  const result = {} as Record<Discipline, string[]>;
  for (const d of DISCIPLINES) {
    result[d] = (group.relations ?? [])
      .filter(r => r.type === RELATION_OPS_OWNER_OF[d])
      .map(r => r.targetRef);
  }
  return result;
}

const KIND_ORDER = ['domain', 'system', 'component', 'api', 'resource'];

/** What a team owns per discipline, with where each ownership came from. */
export function teamOwnership(
  refs: Record<Discipline, string[]>,
  entities: Map<string, Entity>,
): TeamOwnership {
  const result = {} as TeamOwnership;
  for (const d of DISCIPLINES) {
    result[d] = refs[d]
      .map(ref => {
        const entity = entities.get(ref);
        const annotation =
          entity?.metadata.annotations?.[ownerSourceAnnotation(d)] ?? '';
        return {
          ref,
          kind: entity?.kind.toLocaleLowerCase('en-US') ?? ref.split(':')[0],
          title: entity?.metadata.title ?? entity?.metadata.name ?? ref,
          source: annotation.startsWith('inherited:')
            ? annotation.slice('inherited:'.length)
            : annotation || 'declared',
        };
      })
      .sort(
        (a, b) =>
          KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
          a.title.localeCompare(b.title),
      );
  }
  return result;
}

export const refKey = (entity: Entity) =>
  stringifyEntityRef(entity).toLocaleLowerCase('en-US');
