import {
  Discipline,
  DISCIPLINES,
  OpsOwners,
  parseOpsTeam,
} from '@integrated-ops/plugin-integrated-ops-common';
import { EntityLookup } from './CachedEntityLookup';

/**
 * Cross-entity checks of declared owners: each must be a Group in the catalog
 * and, when that group declares spec.opsTeam, serve the same discipline.
 * Returns "<discipline>: <problem>" lines.
 */
export async function checkDeclaredOwners(
  owners: OpsOwners,
  lookup: EntityLookup,
): Promise<string[]> {
  const problems: string[] = [];
  for (const discipline of DISCIPLINES) {
    const ref = owners[discipline];
    if (!ref) continue;
    const group = await lookup.get(ref);
    if (!group) {
      problems.push(`${discipline}: ${ref} is not in the catalog`);
      continue;
    }
    const team = parseOpsTeam(group);
    const serves: Discipline | undefined = team.ok
      ? team.value?.discipline
      : undefined;
    if (serves && serves !== discipline) {
      problems.push(
        `${discipline}: ${ref} is a ${serves} team, not a ${discipline} team`,
      );
    }
  }
  return problems;
}
