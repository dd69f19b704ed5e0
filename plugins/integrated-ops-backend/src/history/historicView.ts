import { Entity } from '@backstage/catalog-model';
import {
  DISCIPLINES,
  EffectiveOwners,
} from '@integrated-ops/plugin-integrated-ops-common';
import { OwnershipIndex } from '../index/OwnershipIndex';
import { HistoryEntry, OwnershipHistoryStore } from './OwnershipHistoryStore';
import { OwnersSnapshot, TeamSnapshot } from './ownershipSnapshot';

/**
 * The ownership world as it was at one moment, shaped like the live one so
 * the same answer builder reads it: an index of the teams as they were
 * (members, lead, rotations, escalation), the current catalog users they
 * name (people who left appear by ref only) and the entities asked about;
 * and each asked entity's typed owners then.
 */
export interface HistoricView {
  at: Date;
  index: OwnershipIndex;
  /** The owners in force at `at`; all missing when nothing was recorded by then. */
  ownersOf(ref: string): EffectiveOwners;
  /** The entry those owners come from; undefined when nothing was recorded by then. */
  entryOf(ref: string): HistoryEntry | undefined;
  historyStartsAt?: string;
}

function missingOwners(): EffectiveOwners {
  return Object.fromEntries(
    DISCIPLINES.map(d => [d, { discipline: d, source: 'missing' }]),
  ) as EffectiveOwners;
}

/** Users a team names: members, lead, rotation members. */
function peopleOf(index: OwnershipIndex): Set<string> {
  const people = new Set<string>();
  for (const members of index.members.values()) {
    for (const m of members) people.add(m);
  }
  for (const team of index.teams.values()) {
    if (team.lead) people.add(team.lead);
    for (const rotation of team.onCall ?? []) {
      for (const m of rotation.members) people.add(m);
    }
  }
  return people;
}

export async function historicView(
  store: OwnershipHistoryStore,
  current: OwnershipIndex,
  refs: string[],
  at: Date,
): Promise<HistoricView> {
  const iso = at.toISOString();
  const [teams, owners, historyStartsAt] = await Promise.all([
    store.asOf(iso, { kind: 'team' }),
    store.asOf(iso, { kind: 'owners', refs }),
    store.startsAt(),
  ]);
  const index = OwnershipIndex.build(
    [...teams.values()]
      .map(e => e.snapshot as TeamSnapshot | undefined)
      .filter((t): t is TeamSnapshot => !!t),
    at,
  );
  const others: Entity[] = [];
  for (const ref of [...peopleOf(index), ...refs]) {
    const entity = current.entity(ref);
    if (entity && !index.entity(ref)) others.push(entity);
  }
  index.apply({ upserted: others, removed: [] });

  const entryOf = (ref: string) => {
    const entry = owners.get(ref);
    return entry?.snapshot ? entry : undefined;
  };
  return {
    at,
    index,
    entryOf,
    ownersOf: ref =>
      (entryOf(ref)?.snapshot as OwnersSnapshot | undefined)?.owners ??
      missingOwners(),
    historyStartsAt,
  };
}
