import {
  csvText,
  DISCIPLINES,
} from '@integrated-ops/plugin-integrated-ops-common';
import { CoverageReport } from './coverageReport';

/** One row per gap (entity, kind, system, owners per discipline, gap kind, message), then one per team drift. */
export function coverageCsv(report: CoverageReport): string {
  const header = [
    'entity',
    'kind',
    'system',
    ...DISCIPLINES.map(d => `${d}_owner`),
    'gap',
    'discipline',
    'message',
  ];
  const rows = report.gaps.flatMap(entry =>
    entry.gaps.map(gap => [
      entry.entityRef,
      entry.kind,
      entry.system,
      ...DISCIPLINES.map(d => entry.owners[d].owner ?? ''),
      gap.kind,
      gap.discipline,
      gap.message,
    ]),
  );
  // Drift is about teams: the team in the entity column.
  const drift = report.drift.map(d => [
    d.team,
    'Group',
    '',
    ...DISCIPLINES.map(() => ''),
    d.kind,
    '',
    d.message,
  ]);
  return csvText([header, ...rows, ...drift]);
}
