import { LoggerService } from '@backstage/backend-plugin-api';
import { RiskAcceptanceChange } from '@integrated-ops/plugin-security-findings-common';
import { Knex } from 'knex';
import { FindingRow } from '../service/FindingStore';

/** At most this many ended acceptances are restarted per run. */
const MAX_ENDED_PER_RUN = 500;

const ID = /^[1-9][0-9]{0,17}$/;

/**
 * Risk accepted on findings, only as applied risk-acceptance change
 * requests say (the events of ops-requests): while it holds, a finding
 * stays open but its SLA clock stands still, it is neither counted as
 * breached nor told; when it ends (its date passes by this plugin's own
 * clock, or the request expires or is revoked) the finding counts again
 * and its clock restarts where it stopped: the due date moves by the time
 * it was accepted.
 */
export class RiskAcceptances {
  constructor(
    private readonly deps: {
      db: Knex;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  #now() {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }

  /** Applies what the change requests plugin announced; what cannot be read is logged and left. */
  async apply(changes: RiskAcceptanceChange[]): Promise<void> {
    for (const change of changes) {
      if (
        typeof change?.request !== 'string' ||
        typeof change.entityRef !== 'string' ||
        typeof change.finding !== 'string' ||
        !ID.test(change.finding)
      ) {
        this.deps.logger.warn(
          `A risk acceptance event that cannot be read was left: ${JSON.stringify(
            change,
          ).slice(0, 300)}`,
        );
        continue;
      }
      if (change.state === 'applied') await this.#accept(change);
      else if (change.state === 'expired' || change.state === 'revoked') {
        await this.#end(change.request, this.#now());
      }
    }
  }

  async #accept(change: RiskAcceptanceChange) {
    const now = this.#now();
    const until = change.until ? new Date(change.until) : undefined;
    if (!until || Number.isNaN(until.getTime()) || until.toISOString() <= now) {
      // Over already (an old snapshot, a late event): nothing to stand still.
      return;
    }
    // An acceptance that ended (by date, revocation, a fix or a worse
    // severity) accepts nothing again, however often it is announced.
    const over = await this.deps
      .db('security_ended_acceptances')
      .where({ request: change.request })
      .first();
    if (over) return;
    // The clock stands still from when this plugin heard of it.
    const since = new Date(now);
    // Open, of that component, and not accepted by another request: the
    // same request announced again (snapshots) changes nothing.
    const updated = await this.deps
      .db('security_findings')
      .where({
        id: change.finding,
        entity_ref: change.entityRef.toLocaleLowerCase('en-US'),
        status: 'open',
      })
      .whereNull('accepted_request')
      .update({
        accepted_until: until.toISOString(),
        accepted_request: change.request,
        accepted_at: since.toISOString(),
      });
    if (updated) {
      this.deps.logger.info(
        `Risk of finding ${change.finding} on ${
          change.entityRef
        } accepted until ${until.toISOString()} (change request ${
          change.request
        })`,
      );
    }
  }

  /** Ends the acceptance of a request at `at`: the clock restarts where it stopped. */
  async #end(request: string, at: string) {
    const rows: FindingRow[] = await this.deps
      .db('security_findings')
      .where({ accepted_request: request })
      .select();
    for (const row of rows) {
      // Ended by its own date already, at the latest.
      await this.#restart(
        row,
        row.accepted_until! < at ? row.accepted_until! : at,
      );
    }
  }

  /** Ends every acceptance whose date has passed, by this plugin's clock. */
  async endExpired(): Promise<number> {
    const now = this.#now();
    const rows: FindingRow[] = await this.deps
      .db('security_findings')
      .whereNotNull('accepted_request')
      .where('accepted_until', '<=', now)
      .limit(MAX_ENDED_PER_RUN)
      .select();
    for (const row of rows) await this.#restart(row, row.accepted_until!);
    return rows.length;
  }

  async #restart(row: FindingRow, at: string) {
    const stood = Math.max(0, Date.parse(at) - Date.parse(row.accepted_at!));
    const dueAt =
      row.due_at === null
        ? null
        : new Date(Date.parse(row.due_at) + stood).toISOString();
    // Conditional on the same acceptance: a concurrent end restarts it once.
    const updated = await this.deps
      .db('security_findings')
      .where({ id: row.id, accepted_request: row.accepted_request! })
      .update({
        due_at: dueAt,
        paused_ms: Number(row.paused_ms ?? 0) + stood,
        accepted_until: null,
        accepted_request: null,
        accepted_at: null,
        // Past due again later: a new breach, told again.
        breach_notified_at: null,
        escalated_at: null,
      });
    await this.deps
      .db('security_ended_acceptances')
      .insert({ request: row.accepted_request!, ended_at: at })
      .onConflict('request')
      .ignore();
    if (updated) {
      this.deps.logger.info(
        `Risk acceptance of finding ${row.id} on ${row.entity_ref} ended (change request ${row.accepted_request}); due ${dueAt}`,
      );
    }
  }
}
