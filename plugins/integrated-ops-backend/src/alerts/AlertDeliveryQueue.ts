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

  /** Writes the jobs in one transaction, claimed until `claimedUntil`; their ids in order. */
  async enqueue(
    jobs: AlertDeliveryJob[],
    now: Date,
    claimedUntil: Date,
  ): Promise<string[]> {
    if (!jobs.length) return [];
    return this.db.transaction(async tx => {
      const ids: string[] = [];
      for (let i = 0; i < jobs.length; i += CHUNK) {
        const inserted = await tx(TABLE)
          .insert(
            jobs.slice(i, i + CHUNK).map(({ fingerprint, ...job }) => ({
              fingerprint,
              job: JSON.stringify(job),
              created_at: now.toISOString(),
              claimed_until: claimedUntil.toISOString(),
            })),
          )
          .returning('id');
        for (const row of inserted) {
          ids.push(String(typeof row === 'object' ? row.id : row));
        }
      }
      return ids;
    });
  }

  /**
   * Takes up to `limit` rows whose claim lapsed (oldest first) for this
   * caller until `claimedUntil`: a row two sweeps race for goes to one.
   */
  async claimDue(
    now: Date,
    claimedUntil: Date,
    limit: number,
  ): Promise<QueuedDelivery[]> {
    const due = await this.db(TABLE)
      .where('claimed_until', '<', now.toISOString())
      .orderBy('id')
      .limit(limit)
      .pluck('id');
    if (!due.length) return [];
    const claim = randomUUID();
    await this.db(TABLE)
      .whereIn('id', due)
      .where('claimed_until', '<', now.toISOString())
      .update({ claimed_until: claimedUntil.toISOString(), claimed_by: claim });
    const rows: Row[] = await this.db(TABLE)
      .where('claimed_by', claim)
      .orderBy('id')
      .select('id', 'fingerprint', 'job');
    return rows.map(row => ({
      id: String(row.id),
      fingerprint: row.fingerprint,
      ...JSON.parse(row.job),
    }));
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
