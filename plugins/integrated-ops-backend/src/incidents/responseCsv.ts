import {
  csvText,
  ResponseKpis,
} from '@integrated-ops/plugin-integrated-ops-common';

/** One row per owning team and discipline, then one per discipline; times in seconds. */
export function responseCsv(kpis: ResponseKpis): string {
  const header = [
    'scope',
    'key',
    'discipline',
    'incidents',
    'acknowledged',
    'resolved',
    'open',
    'tta_p50_seconds',
    'tta_p90_seconds',
    'ttr_p50_seconds',
    'ttr_p90_seconds',
    'rerouted_away',
  ];
  const rows = [
    ...kpis.byTeam.map(t => ['team', t] as const),
    ...kpis.byDiscipline.map(d => ['discipline', d] as const),
  ].map(([scope, t]) => [
    scope,
    t.key,
    t.discipline,
    t.incidents,
    t.acknowledged,
    t.resolved,
    t.open,
    t.ttaP50Seconds,
    t.ttaP90Seconds,
    t.ttrP50Seconds,
    t.ttrP90Seconds,
    t.reroutedAway,
  ]);
  return csvText([header, ...rows, ['unowned', '', '', kpis.unowned]]);
}
