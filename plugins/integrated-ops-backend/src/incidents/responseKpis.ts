import {
  Discipline,
  nearestRank,
  ResponseKpis,
  ResponseTimes,
} from '@integrated-ops/plugin-integrated-ops-common';
import { ResponseRow } from './IncidentStore';

const DAY_S = 86_400;

/** Accumulates one group's incidents. */
class Group {
  incidents = 0;
  open = 0;
  reroutedAway = 0;
  tta: number[] = [];
  ttr: number[] = [];

  constructor(readonly key: string, readonly discipline: Discipline) {}

  add(row: ResponseRow) {
    this.incidents += 1;
    if (row.ttaS !== null) this.tta.push(Math.max(0, row.ttaS));
    if (row.ttrS !== null) this.ttr.push(Math.max(0, row.ttrS));
    else this.open += 1;
  }

  times(): ResponseTimes {
    const tta = this.tta.sort((a, b) => a - b);
    const ttr = this.ttr.sort((a, b) => a - b);
    return {
      key: this.key,
      discipline: this.discipline,
      incidents: this.incidents,
      acknowledged: tta.length,
      resolved: ttr.length,
      open: this.open,
      ttaP50Seconds: nearestRank(tta, 50),
      ttaP90Seconds: nearestRank(tta, 90),
      ttrP50Seconds: nearestRank(ttr, 50),
      ttrP90Seconds: nearestRank(ttr, 90),
      reroutedAway: this.reroutedAway,
    };
  }
}

/**
 * The week (Monday 00:00 UTC) an instant in epoch seconds falls in, as a
 * number of weeks since Monday 29 December 1969 (the epoch was a Thursday).
 */
const weekOf = (epochS: number) => Math.floor((epochS / DAY_S + 3) / 7);

/** The Monday of a week number, as YYYY-MM-DD. */
const mondayOf = (week: number) =>
  new Date((week * 7 - 3) * DAY_S * 1000).toISOString().slice(0, 10);

/** Monday 00:00 UTC of the week an ISO instant falls in, as YYYY-MM-DD. */
export function weekStart(iso: string): string {
  return mondayOf(weekOf(Math.floor(Date.parse(iso) / 1000)));
}

/** The group of `key`; a new one takes the discipline of its first incident. */
function groupIn(
  map: Map<string, Group>,
  key: string,
  discipline: Discipline,
): Group {
  let group = map.get(key);
  if (!group) map.set(key, (group = new Group(key, discipline)));
  return group;
}

/**
 * Time to acknowledge and to resolve per owning team (as routed then; a
 * team's discipline is that of its incidents), per discipline and per week;
 * re-routes counted against the team paged first; incidents without an
 * owner counted apart. `team` narrows every figure to the incidents that
 * team owned or was paged for.
 */
export function responseKpis(
  rows: ResponseRow[],
  period: { from: string; to: string; truncated: boolean; team?: string },
): ResponseKpis {
  const byTeam = new Map<string, Group>();
  const byDiscipline = new Map<string, Group>();
  const byWeek = new Map<number, { all: Group; unowned: number }>();
  let incidents = 0;
  let unowned = 0;
  for (const row of rows) {
    if (
      period.team &&
      row.team !== period.team &&
      row.firstTeam !== period.team
    ) {
      continue;
    }
    incidents += 1;
    const week = weekOf(Number(row.openedS));
    let w = byWeek.get(week);
    if (!w) {
      byWeek.set(
        week,
        (w = { all: new Group('', row.discipline), unowned: 0 }),
      );
    }
    w.all.add(row);
    if (row.outcome !== 'routed' || !row.team) {
      unowned += 1;
      w.unowned += 1;
      continue;
    }
    groupIn(byDiscipline, row.discipline, row.discipline).add(row);
    groupIn(byTeam, row.team, row.discipline).add(row);
    if (row.firstTeam && row.firstTeam !== row.team) {
      groupIn(byTeam, row.firstTeam, row.firstDiscipline).reroutedAway += 1;
    }
  }
  const sorted = (map: Map<string, Group>) =>
    [...map.values()]
      .map(g => g.times())
      .sort((a, b) => a.key.localeCompare(b.key));
  return {
    from: period.from,
    to: period.to,
    incidents,
    unowned,
    truncated: period.truncated,
    byTeam: sorted(byTeam).filter(t => !period.team || t.key === period.team),
    byDiscipline: sorted(byDiscipline),
    byWeek: [...byWeek]
      .sort(([a], [b]) => a - b)
      .map(([week, { all, unowned: none }]) => {
        const t = all.times();
        return {
          weekStart: mondayOf(week),
          incidents: t.incidents,
          unowned: none,
          ttaP50Seconds: t.ttaP50Seconds,
          ttrP50Seconds: t.ttrP50Seconds,
        };
      }),
  };
}
