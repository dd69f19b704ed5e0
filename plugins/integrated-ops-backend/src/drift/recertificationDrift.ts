import {
  DISCIPLINE_TITLES,
  RecertificationStatusItem,
  TeamDrift,
} from '@integrated-ops/plugin-integrated-ops-common';

const LISTED = 20;

/** Where one declaration's re-certification stands, as ops-requests reported it. */
export type RecertificationItem = RecertificationStatusItem;

/**
 * Ownership drift from re-certification, per team: the declarations it has
 * not confirmed within the period (never asked yet, asked and silent, or
 * offered to another team that has not answered), and hand-overs another
 * team accepted that the catalog does not show yet.
 */
export function recertificationDrift(
  items: RecertificationItem[],
  periodDays?: number,
): TeamDrift[] {
  const unconfirmed = new Map<string, RecertificationItem[]>();
  const drift: TeamDrift[] = [];
  for (const item of items) {
    if (item.state === 'handover-accepted') {
      drift.push({
        team: item.team,
        kind: 'handover-not-in-catalog',
        message: `${item.handOverTo} accepted ${
          DISCIPLINE_TITLES[item.discipline]
        } ownership of ${item.declaredOn} from ${
          item.team
        }; its catalog file still names ${item.team}`,
        entities: [item.declaredOn],
        entityCount: item.entities,
      });
    } else if (item.state !== 'confirmed') {
      unconfirmed.set(item.team, [...(unconfirmed.get(item.team) ?? []), item]);
    }
  }
  for (const [team, list] of [...unconfirmed].sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    const entities = list.reduce((n, i) => n + i.entities, 0);
    drift.push({
      team,
      kind: 'ownership-unconfirmed',
      message: `${team} has not confirmed ${list.length} ownership declaration${
        list.length === 1 ? '' : 's'
      } (${entities} entities)${
        periodDays ? ` within ${periodDays} days` : ''
      }`,
      entities: list
        .slice(0, LISTED)
        .map(i => `${i.declaredOn} (${DISCIPLINE_TITLES[i.discipline]})`),
      entityCount: entities,
    });
  }
  return drift;
}
