import {
  ApprovalTimes,
  AuditEntry,
  ChangeRequest,
  GovernanceKpis,
  PendingAgeBucket,
  RecertificationStatus,
} from '@integrated-ops/plugin-ops-requests-common';
import { nearestRank } from '@integrated-ops/plugin-integrated-ops-common';
import { PolicyRefusal } from '../requests/RequestStore';

const PORTAL = 'ops-requests:portal';
const RECERTIFICATION = 'ownership-recertification';
const DAY = 86_400_000;

/** What the KPIs are computed from: stored data only. */
export interface KpiData {
  /** Requests filed in the period, and every request pending now. */
  requests: ChangeRequest[];
  /** The audit trail of those requests. */
  audit: (AuditEntry & { requestId: string })[];
  /** Refused filings in the period. */
  refusals: PolicyRefusal[];
  recertifications: RecertificationStatus[];
  lookups: { noMatch: number; noOwner: number; unavailable?: string };
}

export interface KpiScope {
  team?: string;
  system?: string;
  /** The System an entity ref belongs to (itself for a System). */
  systemOf: (ref: string) => string | undefined;
}

const minutes = (from: string, to: string) =>
  Math.round((Date.parse(to) - Date.parse(from)) / 60_000);

function times(key: string, values: number[]): ApprovalTimes {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    key,
    approvals: sorted.length,
    p50Minutes: nearestRank(sorted, 50),
    p90Minutes: nearestRank(sorted, 90),
  };
}

function grouped(entries: [string, number][]): ApprovalTimes[] {
  const by = new Map<string, number[]>();
  for (const [key, value] of entries)
    by.set(key, [...(by.get(key) ?? []), value]);
  return [...by]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, values]) => times(key, values));
}

function ageBucket(days: number): PendingAgeBucket {
  if (days < 1) return 'under 1 day';
  if (days < 3) return '1-3 days';
  if (days < 7) return '3-7 days';
  return 'over 7 days';
}

const percent = (part: number, whole: number) =>
  whole ? Math.round((part / whole) * 1000) / 10 : 100;

/**
 * The governance KPIs of a team, a system or the whole portal over a period,
 * from stored requests, approvals, audit trails, policy refusals and
 * re-certifications. A team's scope: requests its approval was asked for;
 * a system's: requests whose targets belong to it.
 */
export function governanceKpis(
  data: KpiData,
  scope: KpiScope,
  period: { from: string; to: string; now: string },
): GovernanceKpis {
  const { from, to, now } = period;
  const inPeriod = (at?: string) => !!at && at >= from && at < to;
  const concerns = (r: { approvers: object; targets: string[] }) =>
    (!scope.team || Object.values(r.approvers).includes(scope.team)) &&
    (!scope.system ||
      r.targets.some(
        t => t === scope.system || scope.systemOf(t) === scope.system,
      ));

  const requests = data.requests.filter(
    r => r.kind !== RECERTIFICATION && concerns(r),
  );
  const filed = requests.filter(r => inPeriod(r.requestedAt));
  const ids = new Set(requests.map(r => r.id));
  const auditOf = new Map<string, AuditEntry[]>();
  for (const entry of data.audit) {
    if (ids.has(entry.requestId)) {
      auditOf.set(entry.requestId, [
        ...(auditOf.get(entry.requestId) ?? []),
        entry,
      ]);
    }
  }

  // Time to approve: every approval of a request filed in the period
  // (break-glass is approved by nobody beforehand).
  const approvals = filed
    .filter(r => !r.breakGlass)
    .flatMap(r =>
      r.approvals.map(a => ({
        discipline: a.discipline as string,
        team: r.approvers[a.discipline] ?? 'unknown',
        minutes: minutes(r.requestedAt, a.decidedAt),
      })),
    );
  const relevant = scope.team
    ? approvals.filter(a => a.team === scope.team)
    : approvals;

  const pendingByAge = (
    ['under 1 day', '1-3 days', '3-7 days', 'over 7 days'] as PendingAgeBucket[]
  ).map(bucket => ({
    bucket,
    count: requests.filter(
      r =>
        r.state === 'pending' &&
        ageBucket((Date.parse(now) - Date.parse(r.requestedAt)) / DAY) ===
          bucket,
    ).length,
  }));

  const refusals = data.refusals.filter(r => inPeriod(r.at) && concerns(r));
  const byRule = new Map<string, number>();
  for (const refusal of refusals) {
    for (const rule of refusal.rules)
      byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
  }

  const breakGlass = filed.filter(r => r.breakGlass);
  const outcome = (r: ChangeRequest) => {
    const trail = auditOf.get(r.id) ?? [];
    if (trail.some(e => e.action === 'post-review-confirmed'))
      return 'confirmed';
    const revoked = trail.find(e => e.action === 'revoked');
    if (revoked) return revoked.actor === PORTAL ? 'unreviewed' : 'owners';
    return 'awaiting';
  };

  const actions = (action: string) =>
    requests.filter(r =>
      (auditOf.get(r.id) ?? []).some(
        e => e.action === action && inPeriod(e.at),
      ),
    ).length;

  const recert = data.recertifications.filter(
    i =>
      (!scope.team || i.team === scope.team) &&
      (!scope.system ||
        i.declaredOn === scope.system ||
        scope.systemOf(i.declaredOn) === scope.system),
  );
  const recertByTeam = new Map<
    string,
    { declarations: number; confirmed: number }
  >();
  for (const item of recert) {
    const t = recertByTeam.get(item.team) ?? { declarations: 0, confirmed: 0 };
    t.declarations++;
    if (item.state === 'confirmed') t.confirmed++;
    recertByTeam.set(item.team, t);
  }
  const confirmed = recert.filter(i => i.state === 'confirmed').length;

  return {
    scope: { team: scope.team, system: scope.system },
    from,
    to,
    generatedAt: now,
    timeToApprove: {
      byDiscipline: grouped(relevant.map(a => [a.discipline, a.minutes])),
      byTeam: grouped(relevant.map(a => [a.team, a.minutes])),
    },
    pendingByAge,
    refusals: {
      byRule: [...byRule]
        .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
        .map(([rule, count]) => ({ rule, count })),
      rejectedByApprovers: requests.filter(
        r => r.state === 'rejected' && inPeriod(r.decidedAt),
      ).length,
    },
    breakGlass: {
      uses: breakGlass.length,
      confirmed: breakGlass.filter(r => outcome(r) === 'confirmed').length,
      revokedByOwners: breakGlass.filter(r => outcome(r) === 'owners').length,
      revokedUnreviewed: breakGlass.filter(r => outcome(r) === 'unreviewed')
        .length,
      awaitingReview: breakGlass.filter(r => outcome(r) === 'awaiting').length,
    },
    grants: { expired: actions('expired'), revoked: actions('revoked') },
    recertification: {
      declarations: recert.length,
      confirmed,
      percent: percent(confirmed, recert.length),
      byTeam: [...recertByTeam]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([team, t]) => ({
          team,
          ...t,
          percent: percent(t.confirmed, t.declarations),
        })),
    },
    lookupsWithoutOwner: data.lookups,
  };
}
