import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  csvText,
  Discipline,
} from '@integrated-ops/plugin-integrated-ops-common';
import { Severity } from '@integrated-ops/plugin-security-findings-common';
import { Knex } from 'knex';
import { readableRefs } from '@integrated-ops/plugin-integrated-ops-node';

/** Rows read per answer at most (fixed in the window, and open); beyond, `truncated`. */
const MAX_ROWS = 200_000;
const HOUR = 3_600_000;

/** One owning team's record for one discipline and severity over the window. */
export interface KpiRow {
  team?: string;
  discipline: Discipline;
  severity: Severity;
  /** Fixed within the window. */
  fixed: number;
  /** Median hours from first seen to fixed, over those; null when none. */
  medianHoursToFix: number | null;
  /** Open now. */
  open: number;
  /** Fixed after their due date, or open past it (accepted ones not counted). */
  pastSla: number;
  /** pastSla / (fixed + open), 0..1; null when both are 0. */
  breachRate: number | null;
}

type Row = {
  entity_ref: string;
  owner_ref: string | null;
  discipline: Discipline;
  severity: Severity;
  status: string;
  first_seen: string;
  fixed_at: string | null;
  due_at: string | null;
  accepted_request: string | null;
  accepted_until: string | null;
  title: string;
  id: number | string;
};

const median = (values: number[]) => {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * The SecOps KPIs over the last `days`: time to fix by severity and team
 * (median hours from first seen to fixed), the SLA breach rate per team,
 * discipline and severity, and the accepted risks by expiry, over the
 * components the reader may read.
 */
export class FindingsKpis {
  constructor(
    private readonly deps: {
      db: Knex;
      catalog: CatalogService;
      now?: () => Date;
    },
  ) {}

  async kpis(credentials: BackstageCredentials, days: number) {
    const { db, catalog } = this.deps;
    const now = this.deps.now?.() ?? new Date();
    const since = new Date(now.getTime() - days * 24 * HOUR).toISOString();
    const rows: Row[] = await db('security_findings')
      .where(q =>
        q
          .where('status', 'open')
          .orWhere(f =>
            f.where('status', 'fixed').where('fixed_at', '>=', since),
          ),
      )
      .select(
        'id',
        'entity_ref',
        'owner_ref',
        'discipline',
        'severity',
        'status',
        'first_seen',
        'fixed_at',
        'due_at',
        'accepted_request',
        'accepted_until',
        'title',
      )
      .orderBy('id')
      .limit(MAX_ROWS + 1);
    const truncated = rows.length > MAX_ROWS;
    if (truncated) rows.pop();

    const readable = await readableRefs(
      catalog,
      [...new Set(rows.map(r => r.entity_ref))],
      credentials,
    );

    const at = now.toISOString();
    const groups = new Map<
      string,
      Omit<KpiRow, 'medianHoursToFix' | 'breachRate'> & { hours: number[] }
    >();
    const accepted = [];
    for (const r of rows) {
      if (!readable.has(r.entity_ref)) continue;
      if (r.accepted_request && r.status === 'open') {
        accepted.push({
          entityRef: r.entity_ref,
          findingId: String(r.id),
          title: r.title,
          severity: r.severity,
          ...(r.owner_ref ? { team: r.owner_ref } : {}),
          request: r.accepted_request,
          until: r.accepted_until!,
        });
      }
      const key = `${r.owner_ref ?? ''} ${r.discipline} ${r.severity}`;
      const g = groups.get(key) ?? {
        ...(r.owner_ref ? { team: r.owner_ref } : {}),
        discipline: r.discipline,
        severity: r.severity,
        fixed: 0,
        open: 0,
        pastSla: 0,
        hours: [],
      };
      if (r.status === 'fixed') {
        g.fixed++;
        g.hours.push(
          (Date.parse(r.fixed_at!) - Date.parse(r.first_seen)) / HOUR,
        );
        if (r.due_at && r.fixed_at! > r.due_at) g.pastSla++;
      } else {
        g.open++;
        if (r.due_at && r.due_at <= at && !r.accepted_request) g.pastSla++;
      }
      groups.set(key, g);
    }
    const byTeam: KpiRow[] = [...groups.values()]
      .map(({ hours, ...g }) => {
        const m = median(hours);
        const total = g.fixed + g.open;
        return {
          ...g,
          medianHoursToFix: m === null ? null : Math.round(m * 10) / 10,
          breachRate:
            total === 0 ? null : Math.round((g.pastSla / total) * 1000) / 1000,
        };
      })
      .sort(
        (a, b) =>
          (b.breachRate ?? 0) - (a.breachRate ?? 0) ||
          (a.team ?? '').localeCompare(b.team ?? ''),
      );
    accepted.sort((a, b) => a.until.localeCompare(b.until));
    return {
      generatedAt: at,
      since,
      days,
      truncated,
      byTeam,
      acceptedRisks: accepted.slice(0, 500),
    };
  }
}

/** The per-team rows as CSV (formulas neutralised), for a spreadsheet. */
export function kpisCsv(rows: KpiRow[]): string {
  return csvText([
    [
      'team',
      'discipline',
      'severity',
      'fixed',
      'median_hours_to_fix',
      'open',
      'past_sla',
      'breach_rate',
    ],
    ...rows.map(r => [
      r.team ?? '',
      r.discipline,
      r.severity,
      r.fixed,
      r.medianHoursToFix ?? '',
      r.open,
      r.pastSla,
      r.breachRate ?? '',
    ]),
  ]);
}
