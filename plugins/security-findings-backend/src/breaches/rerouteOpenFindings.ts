import { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Discipline,
  readEffectiveOwners,
} from '@integrated-ops/plugin-integrated-ops-common';
import { Knex } from 'knex';

/** Components with open findings looked at per run, and per catalog call. */
const MAX_ENTITIES = 20_000;
const BATCH = 500;

/**
 * Moves open findings to the owner the catalog names now: a component
 * whose typed ownership changed (or was not inherited yet when its report
 * arrived) has its findings owned, counted and told to the new team. Reads
 * the distinct (component, discipline, owner) of open findings, the
 * components in batches, and updates only what differs; the new team hears
 * of breaches anew. A component gone from the catalog keeps its owners.
 * Answers how many groups moved.
 */
export async function rerouteOpenFindings(deps: {
  db: Knex;
  catalog: CatalogService;
  auth: AuthService;
}): Promise<number> {
  const { db, catalog, auth } = deps;
  const groups: Array<{
    entity_ref: string;
    discipline: Discipline;
    owner_ref: string | null;
  }> = await db('security_findings')
    .where('status', 'open')
    .distinct('entity_ref', 'discipline', 'owner_ref')
    .orderBy('entity_ref')
    .limit(MAX_ENTITIES * 3);
  const refs = [...new Set(groups.map(g => g.entity_ref))].slice(
    0,
    MAX_ENTITIES,
  );
  const credentials = await auth.getOwnServiceCredentials();
  const owners = new Map<string, Record<Discipline, string | null>>();
  for (let i = 0; i < refs.length; i += BATCH) {
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: refs.slice(i, i + BATCH) },
      { credentials },
    );
    for (const entity of items) {
      if (!entity) continue;
      const effective = readEffectiveOwners(entity);
      const of = (d: Discipline) =>
        effective[d].source === 'fallback' ? null : effective[d].owner ?? null;
      owners.set(stringifyEntityRef(entity).toLocaleLowerCase('en-US'), {
        netops: of('netops'),
        devops: of('devops'),
        secops: of('secops'),
      });
    }
  }
  let moved = 0;
  for (const group of groups) {
    const now = owners.get(group.entity_ref)?.[group.discipline];
    if (now === undefined || now === group.owner_ref) continue;
    await db('security_findings')
      .where({
        entity_ref: group.entity_ref,
        discipline: group.discipline,
        status: 'open',
      })
      // A new owner is a team that has not been told: its breaches are told anew.
      .update({ owner_ref: now, breach_notified_at: null, escalated_at: null });
    moved += 1;
  }
  return moved;
}
