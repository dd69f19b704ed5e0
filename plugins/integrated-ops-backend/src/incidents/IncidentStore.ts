import {
  Discipline,
  Incident,
} from '@integrated-ops/plugin-integrated-ops-common';
import {
  isDeadlock,
  isUniqueViolation,
} from '@integrated-ops/plugin-integrated-ops-node';
import { Knex } from 'knex';

const TABLE = 'alert_incidents';

/** An incident as stored: the answer's fields without the caller's view. */
export type StoredIncident = Omit<Incident, 'canAcknowledge'>;

/** One routed alert, as the incident record needs it. */
export interface RoutedAlert {
  fingerprint: string;
  status: 'firing' | 'resolved';
  alertname?: string;
  outcome: 'routed' | 'fallback' | 'unroutable';
  entityRef?: string;
  discipline: Discipline;
  team?: string;
  notified: string[];
}

/** The columns the response figures read: numbers where they can be. */
export interface ResponseRow {
  /** Opened, in seconds since the epoch (a bigint: PostgreSQL's driver gives it as a string). */
  openedS: number | string;
  /** Seconds from the first alert to the acknowledgement; null when none. */
  ttaS: number | null;
  /** Seconds from the first alert to the resolution; null while open. */
  ttrS: number | null;
  outcome: RoutedAlert['outcome'];
  entityRef: string | null;
  discipline: Discipline;
  team: string | null;
  firstTeam: string | null;
  firstDiscipline: Discipline;
}

/** Seconds since the epoch of an ISO instant. */
const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

type Row = Record<string, any>;

const optional = <K extends string>(key: K, value: unknown) =>
  value === null || value === undefined ? {} : { [key]: String(value) };

function toIncident(row: Row): StoredIncident {
  return {
    id: String(row.id),
    fingerprint: row.fingerprint,
    ...optional('alertname', row.alertname),
    openedAt: row.opened_at,
    lastAlertAt: row.last_alert_at,
    alerts: Number(row.alerts),
    outcome: row.outcome,
    ...optional('entityRef', row.entity_ref),
    discipline: row.discipline,
    ...optional('team', row.team_ref),
    ...optional('firstTeam', row.first_team_ref),
    reroutes: Number(row.reroutes),
    notified: JSON.parse(row.notified),
    ...optional('acknowledgedAt', row.acknowledged_at),
    ...optional('acknowledgedBy', row.acknowledged_by),
    ...optional('resolvedAt', row.resolved_at),
  };
}

/**
 * Incidents from routed alerts. One open incident per fingerprint is held by
 * a unique index (two replicas receiving the same alert end with one); a
 * repeat counts on it, a different owning team is a re-route, `resolved`
 * closes it. The first acknowledgement is kept by a conditional UPDATE.
 */
export class IncidentStore {
  constructor(private readonly db: Knex) {}

  /**
   * Records one alert; the incident it opened or updated, or undefined for a
   * `resolved` whose firing was never seen.
   */
  async record(alert: RoutedAlert, at: string): Promise<string | undefined> {
    const [id] = await this.recordMany([alert], at);
    return id;
  }

  /**
   * Records a webhook's alerts in one transaction (an alert storm is one
   * write, not one per alert), in order; for each, the incident it opened or
   * updated. A fingerprint twice in the batch is applied twice, in order.
   */
  async recordMany(
    alerts: RoutedAlert[],
    at: string,
  ): Promise<(string | undefined)[]> {
    if (!alerts.length) return [];
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.db.transaction(tx => this.#recordAll(tx, alerts, at));
      } catch (error) {
        // Another replica opened one between our read and insert (or two
        // webhooks locked the same incidents in another order, PostgreSQL's
        // deadlock): the whole batch was rolled back; apply it again.
        const retry = isUniqueViolation(error) || isDeadlock(error);
        if (!retry || attempt > 2) throw error;
      }
    }
  }

  async #recordAll(tx: Knex.Transaction, alerts: RoutedAlert[], at: string) {
    const open = new Map<string, Row>();
    // Sorted: concurrent webhooks lock shared incidents in one order.
    const fingerprints = [...new Set(alerts.map(a => a.fingerprint))].sort();
    // Chunks stay under SQLite's bound-parameter limit.
    for (let i = 0; i < fingerprints.length; i += 500) {
      const rows: Row[] = await tx(TABLE)
        .whereIn('open_fingerprint', fingerprints.slice(i, i + 500))
        .orderBy('open_fingerprint')
        .forUpdate();
      for (const row of rows) open.set(row.open_fingerprint, row);
    }
    const ids: (string | undefined)[] = [];
    for (const alert of alerts) {
      ids.push(await this.#apply(tx, open, alert, at));
    }
    return ids;
  }

  /** One alert over the open incidents read (kept current in `open`). */
  async #apply(
    tx: Knex.Transaction,
    open: Map<string, Row>,
    alert: RoutedAlert,
    at: string,
  ): Promise<string | undefined> {
    const row = open.get(alert.fingerprint);
    if (!row) {
      if (alert.status === 'resolved') return undefined;
      const fields = {
        fingerprint: alert.fingerprint,
        open_fingerprint: alert.fingerprint,
        opened_at: at,
        opened_s: epochSeconds(at),
        last_alert_at: at,
        alerts: 1,
        alertname: alert.alertname?.slice(0, 200) ?? null,
        outcome: alert.outcome,
        entity_ref: alert.entityRef ?? null,
        discipline: alert.discipline,
        team_ref: alert.team ?? null,
        first_team_ref: alert.team ?? null,
        first_discipline: alert.discipline,
        reroutes: 0,
        notified: JSON.stringify(alert.notified),
      };
      const [inserted] = await tx(TABLE).insert(fields).returning('id');
      const id = typeof inserted === 'object' ? inserted.id : inserted;
      open.set(alert.fingerprint, { ...fields, id });
      return String(id);
    }
    if (alert.status === 'resolved') {
      await tx(TABLE)
        .where({ id: row.id })
        .update({
          resolved_at: at,
          ttr_s: tx.raw('? - opened_s', [epochSeconds(at)]),
          last_alert_at: at,
          open_fingerprint: null,
        });
      open.delete(alert.fingerprint);
      return String(row.id);
    }
    const notified = JSON.stringify([
      ...new Set([...JSON.parse(row.notified), ...alert.notified]),
    ]);
    // Another team owns it now (the catalog changed, or the alert's labels
    // were corrected): that team was paged too, a re-route.
    const rerouted =
      alert.outcome === 'routed' && !!alert.team && alert.team !== row.team_ref;
    const reroute = rerouted
      ? {
          team_ref: alert.team,
          outcome: 'routed',
          entity_ref: alert.entityRef ?? row.entity_ref,
          discipline: alert.discipline,
        }
      : {};
    await tx(TABLE)
      .where({ id: row.id })
      .update({
        last_alert_at: at,
        alerts: tx.raw('alerts + 1'),
        notified,
        ...reroute,
        ...(rerouted ? { reroutes: tx.raw('reroutes + 1') } : {}),
      });
    open.set(alert.fingerprint, { ...row, notified, ...reroute });
    return String(row.id);
  }

  async get(id: string): Promise<StoredIncident | undefined> {
    const row = await this.db(TABLE).where({ id }).first();
    return row ? toIncident(row) : undefined;
  }

  /**
   * Records the first acknowledgement of an open incident; answers the
   * incident as it stands (the earlier acknowledgement, if there was one).
   */
  async acknowledge(
    id: string,
    userRef: string,
    at: string,
  ): Promise<StoredIncident | undefined> {
    await this.db(TABLE)
      .where({ id })
      .whereNull('acknowledged_at')
      .whereNull('resolved_at')
      .update({
        acknowledged_at: at,
        acknowledged_by: userRef,
        tta_s: this.db.raw('? - opened_s', [epochSeconds(at)]),
      });
    return this.get(id);
  }

  /**
   * What the response figures need of the incidents opened in [from, to],
   * at most `limit` (the oldest first), named as ResponseRow by the query.
   */
  async responseRows(
    from: string,
    to: string,
    limit: number,
  ): Promise<ResponseRow[]> {
    return this.db(TABLE)
      .select({
        openedS: 'opened_s',
        ttaS: 'tta_s',
        ttrS: 'ttr_s',
        outcome: 'outcome',
        entityRef: 'entity_ref',
        discipline: 'discipline',
        team: 'team_ref',
        firstTeam: 'first_team_ref',
        firstDiscipline: 'first_discipline',
      })
      .where('opened_s', '>=', epochSeconds(from))
      .andWhere('opened_s', '<=', epochSeconds(to))
      .orderBy('opened_s')
      .limit(limit);
  }

  /** Whether any incident's fingerprint starts with `prefix` (the sample alerts'). */
  async hasFingerprintPrefix(prefix: string): Promise<boolean> {
    const row = await this.db(TABLE)
      .where('fingerprint', 'like', `${prefix.replace(/[%_\\]/g, '')}%`)
      .first('id');
    return !!row;
  }

  /** Deletes incidents opened before `before`; how many. */
  async prune(before: string): Promise<number> {
    return this.db(TABLE).where('opened_s', '<', epochSeconds(before)).delete();
  }
}
