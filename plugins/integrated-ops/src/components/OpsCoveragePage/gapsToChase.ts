import {
  Discipline,
  DISCIPLINE_TITLES,
  EntityCoverage,
  GapKind,
} from '@integrated-ops/plugin-integrated-ops-common';

/** What each kind of gap asks of the team that is chased for it. */
export const GAP_ASKS: Record<GapKind, string> = {
  'owner-missing': 'no owner',
  'owner-fallback': 'only spec.owner: declare the ops owner',
  'owner-unknown': 'owner group not in the catalog',
  'team-unreachable': 'no chat, pager or phone link',
  'no-rotation': 'no on-call rotation',
  'no-runbook': 'no runbook',
};

export interface ChaseItem {
  entityRef: string;
  title: string;
  asks: string[];
}

export interface TeamToChase {
  /** Group ref, or undefined when there is no owner to ask at all. */
  team?: string;
  items: ChaseItem[];
}

export interface DisciplineGaps {
  key: Discipline | 'runbook';
  title: string;
  /** Entities with a gap in this group. */
  entities: number;
  teams: TeamToChase[];
}

/**
 * The coverage gaps regrouped for whoever fixes them: per discipline (and
 * runbooks), per team to chase (the owner the gap is about, or for a missing
 * runbook the first known owner), each entity once with what it lacks.
 * Teams with the most entities first; "no owner at all" last.
 */
export function gapsToChase(gaps: EntityCoverage[]): DisciplineGaps[] {
  const groups = new Map<DisciplineGaps['key'], Map<string, ChaseItem[]>>();
  const add = (
    key: DisciplineGaps['key'],
    team: string,
    entity: EntityCoverage,
    ask: string,
  ) => {
    const teams = groups.get(key) ?? new Map<string, ChaseItem[]>();
    groups.set(key, teams);
    const items = teams.get(team) ?? [];
    teams.set(team, items);
    let item = items.find(i => i.entityRef === entity.entityRef);
    if (!item) {
      item = { entityRef: entity.entityRef, title: entity.title, asks: [] };
      items.push(item);
    }
    if (!item.asks.includes(ask)) item.asks.push(ask);
  };

  for (const entity of gaps) {
    for (const gap of entity.gaps) {
      const ask = GAP_ASKS[gap.kind];
      if (gap.discipline) {
        add(
          gap.discipline,
          entity.owners[gap.discipline].owner ?? '',
          entity,
          ask,
        );
      } else {
        const someOwner = Object.values(entity.owners).find(
          o => o.owner,
        )?.owner;
        add('runbook', someOwner ?? '', entity, ask);
      }
    }
  }

  const order: DisciplineGaps['key'][] = [
    'netops',
    'devops',
    'secops',
    'runbook',
  ];
  return order
    .filter(key => groups.has(key))
    .map(key => {
      const teams = [...groups.get(key)!.entries()]
        .map(([team, items]) => ({ team: team || undefined, items }))
        .sort(
          (a, b) =>
            Number(!a.team) - Number(!b.team) ||
            b.items.length - a.items.length ||
            (a.team ?? '').localeCompare(b.team ?? ''),
        );
      return {
        key,
        title: key === 'runbook' ? 'Runbooks' : DISCIPLINE_TITLES[key],
        entities: new Set(teams.flatMap(t => t.items.map(i => i.entityRef)))
          .size,
        teams,
      };
    });
}
