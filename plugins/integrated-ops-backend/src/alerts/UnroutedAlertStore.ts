import {
  UnroutedAlert,
  UnroutedAlertsResponse,
} from '@integrated-ops/plugin-integrated-ops-common';
import { Knex } from 'knex';

type Row = {
  received_at: string;
  fingerprint: string;
  labels: string;
  reason: string;
};

/** How long unrouted alerts are kept. */
const RETENTION_DAYS = 30;
const RECENT = 50;

/** Alerts no owner was found for, in the plugin's database (shared by replicas). */
export class UnroutedAlertStore {
  constructor(private readonly db: Knex) {}

  async add(alerts: UnroutedAlert[]): Promise<void> {
    if (!alerts.length) return;
    await this.db.batchInsert<Row>(
      'unrouted_alerts',
      alerts.map(a => ({
        received_at: a.receivedAt,
        fingerprint: a.fingerprint,
        labels: JSON.stringify(a.labels),
        reason: a.reason,
      })),
      200,
    );
  }

  /** How many arrived since `since`, and the latest of them. */
  async since(since: Date): Promise<UnroutedAlertsResponse> {
    const iso = since.toISOString();
    const [{ count }] = await this.db('unrouted_alerts')
      .where('received_at', '>=', iso)
      .count({ count: '*' });
    const rows = await this.db<Row>('unrouted_alerts')
      .where('received_at', '>=', iso)
      .orderBy([
        { column: 'received_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(RECENT);
    return {
      since: iso,
      count: Number(count),
      recent: rows.map(r => ({
        receivedAt: r.received_at,
        fingerprint: r.fingerprint,
        labels: JSON.parse(r.labels),
        reason: r.reason,
      })),
    };
  }

  /** Deletes what is older than the retention; returns how many. */
  async prune(now: Date): Promise<number> {
    const before = new Date(now.getTime() - RETENTION_DAYS * 86400_000);
    return this.db('unrouted_alerts')
      .where('received_at', '<', before.toISOString())
      .delete();
  }
}
