import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  Discipline,
  DISCIPLINES,
  opsOwnerRefs,
} from '@integrated-ops/plugin-integrated-ops-common';

export type OpsOwnersValue = Partial<Record<Discipline, string>>;

/** The owners a System has (declared or inherited), which a new component of it inherits. */
export function systemOwners(system: Entity | undefined): OpsOwnersValue {
  return system ? opsOwnerRefs(system) : {};
}

/**
 * What the form submits: only the owners that differ from the System's, so
 * the rest stay inherited (and follow the System when it changes).
 */
export function overridesOf(
  chosen: OpsOwnersValue,
  inherited: OpsOwnersValue,
): OpsOwnersValue {
  const result: OpsOwnersValue = {};
  for (const d of DISCIPLINES) {
    if (chosen[d] && chosen[d] !== inherited[d]) result[d] = chosen[d];
  }
  return result;
}

export const groupRef = (group: Entity) =>
  stringifyEntityRef(group).toLocaleLowerCase('en-US');
