import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  applyReport,
  Discipline,
  FindingRecord,
  NormalizedFinding,
} from '@integrated-ops/plugin-security-findings-common';
import { ConflictError } from '@backstage/errors';
import { isUniqueViolation } from '@integrated-ops/plugin-integrated-ops-node';
import { Knex } from 'knex';

export const MIGRATIONS_DIR = resolvePackagePath(
  '@integrated-ops/plugin-security-findings-backend',
  'migrations',
);

/**
 * Counts the rows past their due date (bound: the instant, ISO) whose risk
 * is not accepted: what "past SLA" means everywhere it is counted.
 */
export const PAST_DUE_COUNT =
  'SUM(CASE WHEN due_at IS NOT NULL AND due_at <= ? AND accepted_request IS NULL THEN 1 ELSE 0 END)';

/** A row of security_findings. */
export type FindingRow = {
  id: number | string;
  entity_ref: string;
  tool: string;
  fingerprint: string;
  identity_basis: string;
  scanner: string;
  rule_id: string;
  category: string;
  severity: string;
  title: string;
  message: string;
  location: string | null;
  vulnerability: string | null;
  links: string;
  discipline: string;
  visible_to: string;
  owner_ref: string | null;
  status: 'open' | 'fixed';
  first_seen: string;
  last_seen: string;
  fixed_at: string | null;
  reopen_count: number;
  due_at: string | null;
  breach_notified_at?: string | null;
  escalated_at?: string | null;
  received_at?: string | null;
  accepted_until?: string | null;
  accepted_request?: string | null;
  accepted_at?: string | null;
  paused_ms?: number | string;
};

/** Where a finding goes and when it is due, decided once its first sighting is known. */
export interface FindingPlacement {
  discipline: Discipline;
  visibleTo: Discipline[];
  ownerRef?: string;
  dueAt: string | null;
}

/** One report, parsed, to apply as the full report of `tool` on `entityRef`. */
export interface ReportToApply {
  entityRef: string;
  tool: string;
  format: string;
  reportedBy: string;
  /** ISO 8601 instant in UTC. */
  reportedAt: string;
  findings: NormalizedFinding[];
  problems: number;
  place(finding: NormalizedFinding, firstSeen: string): FindingPlacement;
}

/** What applying a report changed. */
export interface AppliedReport {
  opened: number;
  stillOpen: number;
  reopened: number;
  fixed: number;
}

const SEVERITY_RANK: Record<string, number> = {
  info: 0,
  low: 1,
  medium: 2,
  high: 3,
  critical: 4,
};

// Rows per INSERT: SQLite allows 32766 bound values, each row binds 24.
const CHUNK = 200;

/**
 * The findings and reports tables. A report is applied in one transaction:
 * the life cycle of the (component, tool) records is computed by
 * `applyReport` of -common and written whole, or nothing is.
 */
export class FindingStore {
  static async create(database: DatabaseService): Promise<FindingStore> {
    const db = await database.getClient();
    if (!database.migrations?.skip) {
      await db.migrate.latest({ directory: MIGRATIONS_DIR });
    }
    return new FindingStore(db);
  }

  constructor(readonly db: Knex) {}

  async apply(report: ReportToApply): Promise<AppliedReport> {
    try {
      return await this.#apply(report);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `Another report of ${report.tool} for ${report.entityRef} was applied at the same time; post this one again`,
        );
      }
      throw error;
    }
  }

  async #apply(report: ReportToApply): Promise<AppliedReport> {
    const { entityRef, tool, reportedAt } = report;
    return this.db.transaction(async trx => {
      const rows: FindingRow[] = await trx('security_findings')
        .where({ entity_ref: entityRef, tool })
        .select();
      const byFingerprint = new Map(rows.map(r => [r.fingerprint, r]));
      const records: FindingRecord[] = rows.map(r => ({
        fingerprint: r.fingerprint,
        status: r.status,
        firstSeen: r.first_seen,
        lastSeen: r.last_seen,
        ...(r.fixed_at ? { fixedAt: r.fixed_at } : {}),
        reopenCount: r.reopen_count,
      }));
      const change = applyReport(records, {
        fingerprints: report.findings.map(f => f.fingerprint),
        reportedAt,
        complete: true,
        firstDetected: new Map(
          report.findings.flatMap(f =>
            f.firstDetectedAt ? [[f.fingerprint, f.firstDetectedAt]] : [],
          ),
        ),
      });
      const findings = new Map(report.findings.map(f => [f.fingerprint, f]));
      const ended: string[] = [];
      const columns = (record: FindingRecord) => {
        const finding = findings.get(record.fingerprint)!;
        const placed = report.place(finding, record.firstSeen);
        const row = byFingerprint.get(record.fingerprint);
        // Time stood still under acceptances that ended stays added.
        let paused = Number(row?.paused_ms ?? 0);
        let acceptance = {};
        if (
          row?.accepted_request &&
          SEVERITY_RANK[finding.severity] > SEVERITY_RANK[row.severity]
        ) {
          // Worse than what was accepted: the acceptance ends now.
          paused += Math.max(
            0,
            Date.parse(reportedAt) - Date.parse(row.accepted_at!),
          );
          ended.push(row.accepted_request);
          acceptance = {
            accepted_until: null,
            accepted_request: null,
            accepted_at: null,
            breach_notified_at: null,
            escalated_at: null,
          };
        }
        return {
          identity_basis: finding.identityBasis,
          scanner: finding.tool,
          rule_id: finding.ruleId,
          category: finding.category,
          severity: finding.severity,
          title: finding.title,
          message: finding.message,
          location: finding.location ? JSON.stringify(finding.location) : null,
          vulnerability: finding.vulnerability
            ? JSON.stringify(finding.vulnerability)
            : null,
          links: JSON.stringify(finding.links),
          discipline: placed.discipline,
          visible_to: JSON.stringify(placed.visibleTo),
          owner_ref: placed.ownerRef ?? null,
          status: record.status,
          first_seen: record.firstSeen,
          last_seen: record.lastSeen,
          fixed_at: record.fixedAt ?? null,
          reopen_count: record.reopenCount,
          due_at:
            placed.dueAt === null
              ? null
              : new Date(Date.parse(placed.dueAt) + paused).toISOString(),
          paused_ms: paused,
          ...acceptance,
        };
      };

      const inserts = change.opened.map(record => ({
        entity_ref: entityRef,
        tool,
        fingerprint: record.fingerprint,
        received_at: reportedAt,
        ...columns(record),
      }));
      for (let i = 0; i < inserts.length; i += CHUNK) {
        await trx('security_findings').insert(inserts.slice(i, i + CHUNK));
      }
      // Seen again (open or reopened): the latest text, severity, owner and due date.
      for (const record of [...change.stillOpen, ...change.reopened]) {
        await trx('security_findings')
          .where({ id: byFingerprint.get(record.fingerprint)!.id })
          .update(columns(record));
      }
      const fixedIds = change.fixed.map(
        r => byFingerprint.get(r.fingerprint)!.id,
      );
      // Fixed while accepted: that acceptance is over for good.
      for (const r of change.fixed) {
        const request = byFingerprint.get(r.fingerprint)!.accepted_request;
        if (request) ended.push(request);
      }
      for (let i = 0; i < fixedIds.length; i += CHUNK) {
        await trx('security_findings')
          .whereIn('id', fixedIds.slice(i, i + CHUNK))
          .update({
            status: 'fixed',
            fixed_at: reportedAt,
            // Coming back and breaching again is a new breach; an acceptance
            // was of the finding that is gone.
            breach_notified_at: null,
            escalated_at: null,
            accepted_until: null,
            accepted_request: null,
            accepted_at: null,
          });
      }
      for (const request of new Set(ended)) {
        await trx('security_ended_acceptances')
          .insert({ request, ended_at: reportedAt })
          .onConflict('request')
          .ignore();
      }
      await trx('security_reports').insert({
        entity_ref: entityRef,
        tool,
        format: report.format,
        reported_by: report.reportedBy,
        reported_at: reportedAt,
        findings: report.findings.length,
        opened: change.opened.length,
        reopened: change.reopened.length,
        fixed: change.fixed.length,
        problems: report.problems,
      });
      return {
        opened: change.opened.length,
        stillOpen: change.stillOpen.length,
        reopened: change.reopened.length,
        fixed: change.fixed.length,
      };
    });
  }

  /**
   * The open findings of a component (of some severities only, when given),
   * soonest due first (no clock, then accepted, last), and how many there are.
   */
  async listOpen(
    entityRef: string,
    limit: number,
    severities?: string[],
  ): Promise<{ rows: FindingRow[]; total: number }> {
    const where = (q: Knex.QueryBuilder) => {
      q.where({ entity_ref: entityRef, status: 'open' });
      if (severities) q.whereIn('severity', severities);
    };
    const [{ count }] = await this.db('security_findings')
      .where(where)
      .count({ count: '*' });
    const rows: FindingRow[] = await this.db('security_findings')
      .where(where)
      // Accepted ones last: their clock stands still.
      .orderByRaw('CASE WHEN accepted_request IS NULL THEN 0 ELSE 1 END')
      .orderByRaw('CASE WHEN due_at IS NULL THEN 1 ELSE 0 END')
      .orderBy('due_at', 'asc')
      .orderBy('id', 'asc')
      .limit(limit)
      .select();
    return { rows, total: Number(count) };
  }

  /**
   * A report whose component the catalog did not have: counted per label,
   * tool and reporter (at most 10,000 such rows; beyond, new ones are not
   * recorded).
   */
  async recordUnrouted(input: {
    label: string;
    tool: string;
    reportedBy: string;
    at: string;
  }): Promise<void> {
    const key = {
      label: input.label.slice(0, 512),
      tool: input.tool,
      reported_by: input.reportedBy,
    };
    const updated = await this.db('security_unrouted_reports')
      .where(key)
      .update({
        last_at: input.at,
        count: this.db.raw('?? + 1', ['count']),
      });
    if (updated) return;
    const [{ n }] = await this.db('security_unrouted_reports').count({
      n: '*',
    });
    if (Number(n) >= 10_000) return;
    await this.db('security_unrouted_reports')
      .insert({ ...key, first_at: input.at, last_at: input.at, count: 1 })
      .onConflict(['label', 'tool', 'reported_by'])
      .merge({ last_at: input.at });
  }

  /** A label routed now: its unrouted row is gone. */
  async clearUnrouted(input: {
    label: string;
    tool: string;
    reportedBy: string;
  }): Promise<void> {
    await this.db('security_unrouted_reports')
      .where({
        label: input.label.slice(0, 512),
        tool: input.tool,
        reported_by: input.reportedBy,
      })
      .delete();
  }

  /** One finding of a component, open or fixed. */
  async get(entityRef: string, id: string): Promise<FindingRow | undefined> {
    return this.db('security_findings')
      .where({ entity_ref: entityRef, id })
      .first();
  }

  /** Counts of a component's open findings, in two indexed queries whatever their number. */
  async summarizeOpen(entityRef: string, now: string): Promise<OpenSummary> {
    const where = { entity_ref: entityRef, status: 'open' };
    const counts: Array<{ severity: string; n: number | string }> =
      await this.db('security_findings')
        .where(where)
        .groupBy('severity')
        .select('severity')
        .count({ n: '*' });
    const [due] = await this.db('security_findings')
      .where(where)
      .select(
        this.db.raw(`${PAST_DUE_COUNT} AS breached`, [now]),
        this.db.raw(
          'SUM(CASE WHEN accepted_request IS NOT NULL THEN 1 ELSE 0 END) AS accepted',
        ),
        this.db.raw(
          'MIN(CASE WHEN accepted_request IS NULL THEN due_at END) AS oldest_due',
        ),
      );
    const bySeverity: OpenSummary['bySeverity'] = {
      critical: 0,
      high: 0,
      medium: 0,
      low: 0,
      info: 0,
    };
    for (const { severity, n } of counts) {
      if (severity in bySeverity) {
        bySeverity[severity as keyof typeof bySeverity] = Number(n);
      }
    }
    return {
      bySeverity,
      breached: Number(due?.breached ?? 0),
      accepted: Number(due?.accepted ?? 0),
      oldestDue: due?.oldest_due ?? null,
    };
  }
}

/** The open findings of a component in numbers: by severity, past due, the next due date. */
export interface OpenSummary {
  bySeverity: Record<'critical' | 'high' | 'medium' | 'low' | 'info', number>;
  breached: number;
  accepted: number;
  /** The earliest due date of an open finding not accepted (breached ones included); null when none has a clock. */
  oldestDue: string | null;
}
