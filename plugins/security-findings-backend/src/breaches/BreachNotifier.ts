import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SlaPolicy } from '@integrated-ops/plugin-security-findings-common';
import { Knex } from 'knex';
import { FindingRow } from '../service/FindingStore';

/** Who is on call now for a team: person refs, none when unknown. */
export type TeamOnCall = (teamRef: string) => Promise<string[]>;

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];

function headline(step: Step, finding: FindingRow) {
  if (step.column === 'escalated_at') return 'Escalated, still past SLA';
  return finding.owner_ref ? 'SLA breached' : 'SLA breached, no owner';
}

/** At most this many breaches are told per run; the rest wait for the next. */
const MAX_PER_RUN = 2000;
/** Ids per claiming UPDATE (SQLite binds at most 32,766 values). */
const CLAIM_CHUNK = 500;
/** What telling a breach reads of a finding. */
const TOLD_COLUMNS = [
  'id',
  'entity_ref',
  'owner_ref',
  'severity',
  'discipline',
  'tool',
  'title',
  'due_at',
];

/** What one run told. */
export interface BreachRun {
  notified: number;
  escalated: number;
}

type Step = {
  column: 'breach_notified_at' | 'escalated_at';
  /** Past due before this instant. */
  dueBefore: string;
};

/**
 * Tells of SLA breaches once each: the owning team and whoever is on call
 * for it when an open finding passes its due date, then the SOC tier the
 * policy names when it is still open `escalateAfterHours` later. A finding
 * without an owner goes to the SOC tier, one check after it arrived. Each finding is claimed
 * (selected under a row lock and marked, in one transaction) before
 * anything is sent, so two replicas never both tell it; the findings claimed are told in one notification per component
 * and team; a send that fails releases its claims for the next run.
 */
export class BreachNotifier {
  constructor(
    private readonly deps: {
      db: Knex;
      notifications: NotificationService;
      onCall: TeamOnCall;
      sla: SlaPolicy;
      logger: LoggerService;
      /**
       * Which of the recipients the catalog does not know as a group with
       * members (or a user) yet; absent: not checked.
       */
      unknownRecipients?: (refs: string[]) => Promise<string[]>;
      /** The portal path of a component's page, for the link. */
      entityPath: (entityRef: string) => string;
      /** How long a finding without an owner waits for the catalog (one breach check). */
      graceMinutes: number;
      now?: () => Date;
    },
  ) {}

  async run(): Promise<BreachRun> {
    const now = (this.deps.now?.() ?? new Date()).toISOString();
    const notified = await this.#step(
      { column: 'breach_notified_at', dueBefore: now },
      now,
    );
    let escalated = 0;
    const { escalateTo, escalateAfterHours } = this.deps.sla;
    if (escalateTo) {
      const dueBefore = new Date(
        Date.parse(now) - escalateAfterHours * 3_600_000,
      ).toISOString();
      escalated = await this.#step({ column: 'escalated_at', dueBefore }, now);
    }
    return { notified, escalated };
  }

  async #step(step: Step, now: string): Promise<number> {
    const { db } = this.deps;
    // A finding without an owner waits one check from its arrival: the
    // catalog may not have inherited its owners yet (rerouteOpenFindings).
    const settledBefore = new Date(
      Date.parse(now) - this.deps.graceMinutes * 60_000,
    ).toISOString();
    const escalating = step.column === 'escalated_at';
    // Selected and claimed in one transaction: the rows are locked as they
    // are selected (FOR UPDATE on PostgreSQL; SQLite has one writer), so two
    // replicas never both claim a finding - the second waits, then finds it
    // told - and the claims are updates by primary key alone, which no
    // planner can turn into a walk of every open finding (as it did, before
    // statistics existed, for a conditional update by id).
    const claimed = await db.transaction(async tx => {
      const due: FindingRow[] = await tx('security_findings')
        .where('status', 'open')
        .whereNotNull('due_at')
        .where('due_at', '<=', step.dueBefore)
        .whereNull(step.column)
        // Escalated only once the team has had its hours since it was told
        // (a finding that came back keeps its old due date).
        .modify(q => {
          if (escalating) q.where('breach_notified_at', '<=', step.dueBefore);
          // Without a SOC tier to tell, an ownerless breach waits for an owner.
          else if (!this.deps.sla.escalateTo) q.whereNotNull('owner_ref');
        })
        // An accepted risk is not told: its clock stands still.
        .whereNull('accepted_request')
        .where(q =>
          q
            .whereNotNull('owner_ref')
            .orWhere('received_at', '<=', settledBefore),
        )
        // A fixed order, so concurrent claims lock rows alike.
        .orderBy([
          { column: 'due_at', order: 'asc' },
          { column: 'id', order: 'asc' },
        ])
        .limit(MAX_PER_RUN)
        .forUpdate()
        .select(TOLD_COLUMNS);
      // Told to the SOC tier already when it has no owner: not escalated again.
      const claim = async (ids: FindingRow['id'][], columns: object) => {
        for (let i = 0; i < ids.length; i += CLAIM_CHUNK) {
          await tx('security_findings')
            .whereIn('id', ids.slice(i, i + CLAIM_CHUNK))
            .update(columns);
        }
      };
      await claim(
        due.filter(f => !this.#escalating(f, step)).map(f => f.id),
        { [step.column]: now },
      );
      await claim(
        due.filter(f => this.#escalating(f, step)).map(f => f.id),
        { breach_notified_at: now, escalated_at: now },
      );
      return due;
    });
    // One notification per component and team: an alert storm of findings
    // on one component is one message, each finding still told once.
    const groups = new Map<string, FindingRow[]>();
    for (const finding of claimed) {
      const to = this.#escalating(finding, step) ? '' : finding.owner_ref;
      const key = `${finding.entity_ref} ${to}`;
      groups.set(key, [...(groups.get(key) ?? []), finding]);
    }
    let told = 0;
    for (const findings of groups.values()) {
      try {
        await this.#send(findings, step);
        told += findings.length;
      } catch (error) {
        await db('security_findings')
          .whereIn(
            'id',
            findings.map(f => f.id),
          )
          .where(step.column, now)
          .update(
            this.#escalating(findings[0], step)
              ? { breach_notified_at: null, escalated_at: null }
              : { [step.column]: null },
          );
        this.deps.logger.warn(
          `Breaches on ${findings[0].entity_ref} not told (${step.column}), next run retries: ${error}`,
        );
      }
    }
    return told;
  }

  #escalating(finding: FindingRow, step: Step) {
    return step.column === 'escalated_at' || !finding.owner_ref;
  }

  /** Findings of one component for one team (or the SOC tier), told in one notification. */
  async #send(findings: FindingRow[], step: Step) {
    const { sla, onCall, notifications, entityPath } = this.deps;
    const first = findings[0];
    const escalation = this.#escalating(first, step);
    const recipients = escalation
      ? [sla.escalateTo].filter((r): r is string => Boolean(r))
      : [first.owner_ref!, ...(await onCall(first.owner_ref!))];
    if (recipients.length === 0) return;
    // A team the catalog does not name members of yet (still being
    // processed at start) would be told nobody: released, told next run.
    const unknown = await this.deps.unknownRecipients?.(recipients);
    if (unknown?.length) {
      throw new Error(
        `the catalog names no members of ${unknown.join(', ')} yet`,
      );
    }
    const bySeverity = SEVERITIES.flatMap(sev => {
      const n = findings.filter(f => f.severity === sev).length;
      return n ? [`${n} ${sev}`] : [];
    }).join(', ');
    const count =
      findings.length === 1 ? '1 finding' : `${findings.length} findings`;
    // Scanner text is quoted and named as such: it says nothing of its own.
    const lines = findings
      .slice(0, 5)
      .map(
        f =>
          `${f.severity} ${f.discipline} finding of ${f.tool}: ${JSON.stringify(
            f.title.slice(0, 200),
          )} (due ${f.due_at}${
            f.owner_ref ? `, ${f.owner_ref}` : ', no owner of its discipline'
          })`,
      );
    if (findings.length > 5) lines.push(`and ${findings.length - 5} more`);
    await notifications.send({
      recipients: { type: 'entity', entityRef: [...new Set(recipients)] },
      payload: {
        title: `${headline(step, first)}: ${count} on ${
          first.entity_ref
        } (${bySeverity})`,
        description: lines.join('; ').slice(0, 2000),
        link: entityPath(first.entity_ref),
        severity: findings.some(f => f.severity === 'critical')
          ? 'critical'
          : 'high',
        topic: 'security-findings.breach',
        scope: `security-findings.${step.column}.${findings
          .map(f => f.id)
          .join('.')}`.slice(0, 255),
      },
    });
  }
}
