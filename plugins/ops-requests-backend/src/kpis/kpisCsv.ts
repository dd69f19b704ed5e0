import { csvText } from '@integrated-ops/plugin-integrated-ops-common';
import { GovernanceKpis } from '@integrated-ops/plugin-ops-requests-common';

/** Every figure of the KPIs as a row: section, key, metric, value. */
export function kpisCsv(kpis: GovernanceKpis): string {
  const rows: unknown[][] = [['section', 'key', 'metric', 'value']];
  const add = (section: string, key: string, metric: string, value: unknown) =>
    rows.push([section, key, metric, value]);
  const scope = kpis.scope.team ?? kpis.scope.system ?? 'portal';
  add('scope', scope, 'from', kpis.from);
  add('scope', scope, 'to', kpis.to);
  for (const [by, list] of [
    ['discipline', kpis.timeToApprove.byDiscipline],
    ['team', kpis.timeToApprove.byTeam],
  ] as const) {
    for (const t of list) {
      add(`time-to-approve-by-${by}`, t.key, 'approvals', t.approvals);
      add(`time-to-approve-by-${by}`, t.key, 'p50-minutes', t.p50Minutes);
      add(`time-to-approve-by-${by}`, t.key, 'p90-minutes', t.p90Minutes);
    }
  }
  for (const p of kpis.pendingByAge)
    add('pending-by-age', p.bucket, 'requests', p.count);
  for (const r of kpis.refusals.byRule)
    add('policy-refusals', r.rule, 'filings', r.count);
  add('rejections', 'approvers', 'requests', kpis.refusals.rejectedByApprovers);
  for (const [metric, value] of Object.entries(kpis.breakGlass)) {
    add('break-glass', 'all', metric, value);
  }
  add('grants', 'all', 'expired', kpis.grants.expired);
  add('grants', 'all', 'revoked', kpis.grants.revoked);
  add(
    'recertification',
    'all',
    'declarations',
    kpis.recertification.declarations,
  );
  add('recertification', 'all', 'confirmed', kpis.recertification.confirmed);
  add('recertification', 'all', 'percent', kpis.recertification.percent);
  for (const t of kpis.recertification.byTeam) {
    add('recertification', t.team, 'percent', t.percent);
  }
  add(
    'lookups-without-owner',
    'portal',
    'no-match',
    kpis.lookupsWithoutOwner.noMatch,
  );
  add(
    'lookups-without-owner',
    'portal',
    'no-owner',
    kpis.lookupsWithoutOwner.noOwner,
  );
  return csvText(rows);
}
