import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SlaPolicy } from '@integrated-ops/plugin-security-findings-common';
import { Knex } from 'knex';
import { FindingRow } from '../service/FindingStore';

/** Who is on call now for a team: person refs, none when unknown. */
export type TeamOnCall = (teamRef: string) => Promise<string[]>;

/** At most this many breaches are told per run; the rest wait for the next. */
const MAX_PER_RUN = 500;

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
 * without an owner goes straight to the SOC tier. Each finding is claimed by
 * a conditional update before anything is sent, so two replicas never both
 * tell it; a send that fails releases the claim for the next run.
 */
export class BreachNotifier {
  constructor(
    private readonly deps: {
      db: Knex;
      notifications: NotificationService;
      onCall: TeamOnCall;
      sla: SlaPolicy;
      logger: LoggerService;
      /** The portal path of a component's page, for the link. */
      entityPath: (entityRef: string) => string;
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
    const due: FindingRow[] = await db('security_findings')
      .where('status', 'open')
      .whereNotNull('due_at')
      .where('due_at', '<=', step.dueBefore)
      .whereNull(step.column)
      .orderBy('due_at', 'asc')
      .limit(MAX_PER_RUN)
      .select();
    let told = 0;
    for (const finding of due) {
      const claimed = await db('security_findings')
        .where({ id: finding.id, status: 'open' })
        .whereNull(step.column)
        .update({ [step.column]: now });
      if (claimed !== 1) continue;
      try {
        await this.#send(finding, step);
        told += 1;
      } catch (error) {
        await db('security_findings')
          .where({ id: finding.id, [step.column]: now })
          .update({ [step.column]: null });
        this.deps.logger.warn(
          `Breach of finding ${finding.id} on ${finding.entity_ref} not told (${step.column}), next run retries: ${error}`,
        );
      }
    }
    return told;
  }

  async #send(finding: FindingRow, step: Step) {
    const { sla, onCall, notifications, entityPath } = this.deps;
    const escalation = step.column === 'escalated_at' || !finding.owner_ref;
    const recipients = escalation
      ? [sla.escalateTo].filter((r): r is string => Boolean(r))
      : [finding.owner_ref!, ...(await onCall(finding.owner_ref!))];
    if (recipients.length === 0) return;
    const what = `${finding.severity} ${finding.discipline} finding on ${finding.entity_ref}`;
    const description = escalation
      ? `Still open past its SLA (due ${finding.due_at})${
          finding.owner_ref
            ? `; owner ${finding.owner_ref} was told`
            : '; it has no owner of its discipline'
        }: ${finding.title}`
      : `Past its SLA (due ${finding.due_at}), owned by ${finding.owner_ref}: ${finding.title}`;
    await notifications.send({
      recipients: { type: 'entity', entityRef: [...new Set(recipients)] },
      payload: {
        title: `${escalation ? 'Escalated' : 'SLA breached'}: ${what}`,
        description: description.slice(0, 2000),
        link: entityPath(finding.entity_ref),
        severity: finding.severity === 'critical' ? 'critical' : 'high',
        topic: 'security-findings.breach',
        scope: `security-findings.${finding.id}.${step.column}`,
      },
    });
  }
}
