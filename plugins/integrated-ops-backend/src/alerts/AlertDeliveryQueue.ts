import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { RoutedAlert } from '@integrated-ops/plugin-integrated-ops-node';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';

const TABLE = 'alert_deliveries';
/** Rows per INSERT (5 columns each, well under SQLite's bound parameters). */
const CHUNK = 500;

/** What one routed alert sends, decided when it was routed. */
export interface AlertDeliveryJob {
  fingerprint: string;
  /** The Backstage notification to the people on call and the team. */
  notification?: NotificationSendOptions;
  /** The copy for the team's vendor service (the team is `teamRef`). */
  forward?: RoutedAlert;
}

/** A job with its row id, to delete once sent. */
export interface QueuedDelivery extends AlertDeliveryJob {
  id: string;
}

type Row = { id: string | number; fingerprint: string; job: string };

/**
 * Deliveries written before a webhook is answered and deleted once sent, so
 * that an alert routed is an alert delivered even if the replica stops
 * mid-storm. Each row is claimed until a time: by the request that wrote it,
 * then by whichever sweep takes it after that time has passed.
 */
export class AlertDeliveryQueue {
  constructor(private readonly db: Knex) {}

  /**
   * Writes the jobs in one transaction, held by a new claim until
   * `claimedUntil`; their ids in order, and the claim to renew.
   */
  async enqueue(
    jobs: AlertDeliveryJob[],
    now: Date,
    claimedUntil: Date,
  ): Promise<{ ids: string[]; claim: string }> {
    const claim = randomUUID();
    if (!jobs.length) return { ids: [], claim };
    const ids = await this.db.transaction(async tx => {
      const inserted: string[] = [];
      for (let i = 0; i < jobs.length; i += CHUNK) {
        const rows = await tx(TABLE)
          .insert(
            jobs.slice(i, i + CHUNK).map(({ fingerprint, ...job }) => ({
              fingerprint,
              job: JSON.stringify(job),
              created_at: now.toISOString(),
              claimed_until: claimedUntil.toISOString(),
              claimed_by: claim,
            })),
          )
          .returning('id');
        for (const row of rows) {
          inserted.push(String(typeof row === 'object' ? row.id : row));
        }
      }
      return inserted;
    });
    return { ids, claim };
  }

  /** Keeps a claim's rows held while they are being sent. */
  async renew(claim: string, claimedUntil: Date): Promise<void> {
    await this.db(TABLE)
      .where('claimed_by', claim)
      .update({ claimed_until: claimedUntil.toISOString() });
  }

  /**
   * Takes up to `limit` rows whose claim lapsed (oldest first) under a new
   * claim until `claimedUntil`: a row two sweeps race for goes to one. Rows
   * a newer row of the same fingerprint supersedes (a firing after its
   * resolution would page again) and rows created before `notBefore` are
   * deleted instead, and counted in `dropped`.
   */
  async claimDue(
    now: Date,
    claimedUntil: Date,
    limit: number,
    notBefore: Date,
  ): Promise<{ claim: string; jobs: QueuedDelivery[]; dropped: number }> {
    const claim = randomUUID();
    const due = await this.db(TABLE)
      .where('claimed_until', '<', now.toISOString())
      .orderBy('id')
      .limit(limit)
      .pluck('id');
    if (!due.length) return { claim, jobs: [], dropped: 0 };
    await this.db(TABLE)
      .whereIn('id', due)
      .where('claimed_until', '<', now.toISOString())
      .update({ claimed_until: claimedUntil.toISOString(), claimed_by: claim });
    const rows: (Row & { created_at: string })[] = await this.db(TABLE)
      .whereIn('id', due)
      .where('claimed_by', claim)
      .orderBy('id')
      .select('id', 'fingerprint', 'job', 'created_at');
    const newest = new Map<string, number>();
    const fingerprints = [...new Set(rows.map(r => r.fingerprint))];
    for (let i = 0; i < fingerprints.length; i += CHUNK) {
      const latest = await this.db(TABLE)
        .whereIn('fingerprint', fingerprints.slice(i, i + CHUNK))
        .groupBy('fingerprint')
        .select('fingerprint')
        .max({ id: 'id' });
      for (const l of latest as { fingerprint: string; id: unknown }[]) {
        newest.set(l.fingerprint, Number(l.id));
      }
    }
    const stale = rows.filter(
      r =>
        Number(r.id) < (newest.get(r.fingerprint) ?? 0) ||
        r.created_at < notBefore.toISOString(),
    );
    await this.done(stale.map(r => String(r.id)));
    const gone = new Set(stale.map(r => r.id));
    return {
      claim,
      dropped: stale.length,
      jobs: rows
        .filter(r => !gone.has(r.id))
        .map(row => ({
          id: String(row.id),
          fingerprint: row.fingerprint,
          ...JSON.parse(row.job),
        })),
    };
  }

  /** Forgets sent deliveries. */
  async done(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += CHUNK) {
      await this.db(TABLE)
        .whereIn('id', ids.slice(i, i + CHUNK))
        .delete();
    }
  }

  /** Rows still to send (for the coverage figures and tests). */
  async pending(): Promise<number> {
    const [{ count }] = await this.db(TABLE).count({ count: '*' });
    return Number(count);
  }
}
