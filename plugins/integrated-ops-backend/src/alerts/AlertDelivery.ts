import { LoggerService } from '@backstage/backend-plugin-api';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import {
  AlertRoutingResponse,
  DISCIPLINE_TITLES,
  UnroutedAlert,
} from '@integrated-ops/plugin-integrated-ops-common';
import {
  AlertForwarder,
  databaseUnreachableCause,
} from '@integrated-ops/plugin-integrated-ops-node';
import { AnswerOptions } from '../answer/buildOwnershipAnswer';
import { OwnershipIndex } from '../index/OwnershipIndex';
import { IncomingAlert } from './alertPayload';
import { IncidentService } from '../incidents/IncidentService';
import { AlertsConfig } from './alertsConfig';
import { AlertRoute, routeAlert } from './routeAlert';
import { UnroutedAlertStore } from './UnroutedAlertStore';
import pLimit from 'p-limit';
import { AlertDeliveryJob, AlertDeliveryQueue } from './AlertDeliveryQueue';

/** Alerts delivered at once (notification and vendor copies each). */
const DELIVERY_CONCURRENCY = 16;

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/**
 * The alert's `severity` label as a notification severity (Backstage's
 * `critical`, `high`, `normal`, `low`) and as a PagerDuty Events API one.
 * Any other value, or none, is `normal` / `warning`.
 */
const SEVERITIES = {
  critical: { notification: 'critical', vendor: 'critical' },
  high: { notification: 'high', vendor: 'error' },
  error: { notification: 'high', vendor: 'error' },
  warning: { notification: 'normal', vendor: 'warning' },
  info: { notification: 'low', vendor: 'info' },
} as const;

export function severityOf(alert: Pick<IncomingAlert, 'labels'>) {
  const said = alert.labels.severity?.toLocaleLowerCase('en-US');
  return said && Object.prototype.hasOwnProperty.call(SEVERITIES, said)
    ? SEVERITIES[said as keyof typeof SEVERITIES]
    : SEVERITIES.warning;
}

function summaryOf(alert: Pick<IncomingAlert, 'labels' | 'annotations'>) {
  return (
    alert.annotations.summary ??
    alert.annotations.description ??
    alert.labels.alertname ??
    'Alert'
  );
}

/**
 * A notification's title: what fired, on what, and what it says -
 * `FraudScoringLatencyHigh on Fraud Scoring Service: p99 over 2 s`. The
 * entity is the one the alert was routed by (its title, else its name);
 * without one, the value of the first entity label the alert carries.
 */
export function alertTitle(
  alert: Pick<IncomingAlert, 'labels' | 'annotations' | 'status'>,
  route: Pick<AlertRoute, 'answer' | 'result'>,
  entityLabels: string[],
): string {
  const name = alert.labels.alertname?.trim() || 'Alert';
  const where =
    route.answer?.entity.title ??
    route.result.entity ??
    entityLabels.map(l => alert.labels[l]).find(Boolean);
  const summary = summaryOf(alert);
  const title = `${name}${where ? ` on ${where}` : ''}${
    summary === name ? '' : `: ${summary}`
  }`;
  return `${alert.status === 'resolved' ? 'Resolved: ' : ''}${title}`.slice(
    0,
    200,
  );
}

export interface AlertDeliveryOptions {
  notifications: NotificationService;
  forwarders: AlertForwarder[];
  store: UnroutedAlertStore;
  config: AlertsConfig;
  logger: LoggerService;
  /** Vendor calls per alert are bounded by this. */
  forwardTimeoutMs?: number;
  /** Records each alert as an incident (response times); absent, none are. */
  incidents?: IncidentService;
  /**
   * Where deliveries wait until sent (kept across restarts); absent, they
   * are sent from memory only.
   */
  queue?: AlertDeliveryQueue;
  /**
   * The webhook is answered after this long even if deliveries are still
   * going out (they go on after the answer); default the config's
   * (`answerWithinSeconds`, 8 s, under Alertmanager's 10 s timeout).
   */
  answerWithinMs?: number;
  /**
   * How long a delivery is held by whoever sends it before a sweep may take
   * it (renewed while sending); default 2 min.
   */
  claimMs?: number;
  /** Deliveries older than this are dropped by the sweep, not sent late; default 30 min. */
  maxAgeMs?: number;
  /** The clock for claims; default the system's. */
  now?: () => Date;
}

/** What sending one alert did. */
interface Sent {
  notified: string[];
  forwarded: string[];
  why: string[];
}

/**
 * Routes a batch of alerts and delivers each: a Backstage notification to
 * the people on call and the team (scope = the fingerprint, so a repeat or
 * `resolved` updates the same notification), a copy to the on-call vendors
 * that page for the team, and a row for each alert that found no owner.
 * Every alert is routed, recorded and queued before any is delivered; the
 * answer waits for the deliveries at most `answerWithinMs`, the rest go on
 * after it from the queue.
 */
export class AlertDelivery {
  /** Unrouted alerts not saved yet (the database was unreachable); saved with the next. */
  #unsaved: UnroutedAlert[] = [];
  /** Sends at once for all webhooks and sweeps of this replica together. */
  readonly #limit = pLimit(DELIVERY_CONCURRENCY);

  constructor(private readonly options: AlertDeliveryOptions) {}

  async deliver(
    index: OwnershipIndex,
    alerts: IncomingAlert[],
    at: Date,
    answerOptions: AnswerOptions,
  ): Promise<AlertRoutingResponse> {
    const { config } = this.options;
    // The answer is due this long after the webhook arrived, whatever the
    // routing and the writes took.
    const answerBy =
      Date.now() + (this.options.answerWithinMs ?? config.answerWithinMs);
    const routes = alerts.map(alert => ({
      alert,
      route: routeAlert(index, alert, config, at, answerOptions),
    }));
    await this.#save(
      routes
        .filter(({ route }) => route.result.outcome !== 'routed')
        .map(({ alert, route }) => ({
          receivedAt: at.toISOString(),
          fingerprint: alert.fingerprint,
          labels: alert.labels,
          reason: route.noOwnerReason ?? 'unroutable',
        })),
    );
    await this.#record(routes, at);
    const { jobs, claim } = await this.#enqueue(
      routes.map(({ alert, route }) => this.#job(alert, route)),
    );
    const delivered = new Set<number>();
    let answered = false;
    const sending = this.#sendAll(index, jobs, claim, (i, sent) => {
      if (answered) return; // the answer has said it goes on after
      const { result } = routes[i].route;
      result.notified = sent.notified;
      result.forwarded = sent.forwarded;
      result.why.push(...sent.why);
      delivered.add(i);
    });
    let timer: NodeJS.Timeout | undefined;
    const inTime = await Promise.race([
      sending.then(() => true),
      new Promise<false>(resolve => {
        timer = setTimeout(
          () => resolve(false),
          Math.max(0, answerBy - Date.now()),
        );
      }),
    ]);
    clearTimeout(timer);
    answered = true;
    if (!inTime) {
      // Answered now; what is left goes on (and survives a restart in the queue).
      sending.catch(error =>
        this.options.logger.error('Alert deliveries failed', error),
      );
      routes.forEach(({ route: { result } }, i) => {
        if (delivered.has(i) || (!jobs[i].notification && !jobs[i].forward))
          return;
        result.delivering = true;
        result.why.push('delivery goes on after this answer');
      });
      this.options.logger.info(
        `${alerts.length - delivered.size} of ${
          alerts.length
        } alerts are delivered after the webhook's answer`,
      );
    }
    return {
      received: alerts.length,
      results: routes.map(r => r.route.result),
    };
  }

  /**
   * Sends deliveries left in the queue (a replica stopped before sending
   * them); at most `limit` per call. How many were sent.
   */
  async deliverQueued(index: OwnershipIndex, limit = 1000): Promise<number> {
    const { queue } = this.options;
    if (!queue) return 0;
    const now = this.#now();
    const { claim, jobs, dropped } = await queue.claimDue(
      now,
      this.#claimUntil(now),
      limit,
      new Date(now.getTime() - (this.options.maxAgeMs ?? 30 * 60_000)),
    );
    if (dropped) {
      this.options.logger.warn(
        `${dropped} queued alert deliveries dropped: a newer one of the same alert was sent, or they are too old to page for`,
      );
    }
    if (jobs.length) {
      this.options.logger.info(
        `Sending ${jobs.length} alert deliveries left in the queue`,
      );
      await this.#sendAll(index, jobs, claim, () => {});
    }
    return jobs.length;
  }

  #now() {
    return this.options.now?.() ?? new Date();
  }

  #claimUntil(now: Date) {
    return new Date(now.getTime() + (this.options.claimMs ?? 120_000));
  }

  /**
   * Writes the jobs to the queue; ids of the rows. With no queue, or when
   * the database cannot be reached, they are sent from memory alone.
   */
  async #enqueue(jobs: AlertDeliveryJob[]): Promise<{
    jobs: (AlertDeliveryJob & { id?: string })[];
    claim?: string;
  }> {
    const { queue } = this.options;
    const worth = jobs.filter(j => j.notification || j.forward);
    if (!queue || !worth.length) return { jobs };
    try {
      const now = this.#now();
      const { ids, claim } = await queue.enqueue(
        worth,
        now,
        this.#claimUntil(now),
      );
      const idOf = new Map(worth.map((job, i) => [job, ids[i]]));
      return { jobs: jobs.map(job => ({ ...job, id: idOf.get(job) })), claim };
    } catch (error) {
      const cause = databaseUnreachableCause(error);
      const message = `${jobs.length} alert deliveries not queued, sent from memory only`;
      if (cause) this.options.logger.warn(`${message}: ${cause}`);
      else this.options.logger.error(message, error as Error);
      return { jobs };
    }
  }

  /**
   * Sends jobs a few at a time (a storm of a thousand alerts is not a
   * thousand calls at once); one fingerprint's jobs in their order. Sent
   * rows leave the queue in batches as they go.
   */
  async #sendAll(
    index: OwnershipIndex,
    jobs: (AlertDeliveryJob & { id?: string })[],
    claim: string | undefined,
    onSent: (position: number, sent: Sent) => void,
  ) {
    const { queue } = this.options;
    // Held while sending, however long the vendors take: a sweep takes
    // only what a stopped replica left.
    const renewal =
      queue && claim
        ? setInterval(() => {
            queue
              .renew(claim, this.#claimUntil(this.#now()))
              .catch(error =>
                this.options.logger.warn(
                  `Alert delivery claim not renewed: ${error}`,
                ),
              );
          }, (this.options.claimMs ?? 120_000) / 3)
        : undefined;
    renewal?.unref();
    try {
      await this.#sendEach(index, jobs, onSent);
    } finally {
      clearInterval(renewal);
    }
  }

  async #sendEach(
    index: OwnershipIndex,
    jobs: (AlertDeliveryJob & { id?: string })[],
    onSent: (position: number, sent: Sent) => void,
  ) {
    const sentIds: string[] = [];
    const flush = async (min: number) => {
      if (sentIds.length < min || !this.options.queue) return;
      const ids = sentIds.splice(0);
      try {
        await this.options.queue.done(ids);
      } catch (error) {
        // Sent again by a sweep: a notification of the same scope replaces
        // itself, vendors deduplicate by fingerprint.
        this.options.logger.warn(`Sent alert deliveries not cleared: ${error}`);
      }
    };
    const positions = jobs.map((job, position) => ({ job, position }));
    await Promise.all(
      [...groupBy(positions, p => p.job.fingerprint).values()].map(group =>
        this.#limit(async () => {
          for (const { job, position } of group) {
            const [notified, forwarded] = await Promise.all([
              this.#notify(job),
              this.#forward(index, job),
            ]);
            onSent(position, {
              notified: notified.notified,
              forwarded,
              why: notified.why,
            });
            if (job.id) sentIds.push(job.id);
          }
          await flush(100);
        }),
      ),
    );
    await flush(1);
  }

  /**
   * Records alerts that found no owner. Routing never waits on the database:
   * when it is unreachable they are kept (up to 10,000) and saved with the
   * next alerts.
   */
  async #save(rows: UnroutedAlert[]) {
    const batch = [...this.#unsaved, ...rows];
    if (!batch.length) return;
    try {
      await this.options.store.add(batch);
      this.#unsaved = [];
    } catch (error) {
      const cause = databaseUnreachableCause(error);
      if (!cause) throw error;
      this.#unsaved = batch.slice(-10_000);
      this.options.logger.warn(
        `${
          this.#unsaved.length
        } unrouted alerts kept in memory: the database is unreachable (${cause})`,
      );
    }
  }

  /** The incident each alert opens or updates, with the team routed to now. */
  async #record(
    routes: { alert: IncomingAlert; route: AlertRoute }[],
    at: Date,
  ) {
    const ids = await this.options.incidents?.recordMany(
      routes.map(({ alert, route: { result, recipients } }) => ({
        fingerprint: alert.fingerprint,
        status: alert.status,
        alertname: alert.labels.alertname,
        outcome: result.outcome,
        entityRef: result.entity,
        discipline: result.discipline,
        team: result.team,
        notified: recipients,
      })),
      at,
    );
    ids?.forEach((id, i) => {
      if (id) routes[i].route.result.incident = id;
    });
  }

  /** The lookup answer for what the alert named, in the portal, with its incident. */
  #lookupLink({ result }: AlertRoute): string {
    const q = result.matchedLabel?.value ?? result.entity;
    const params = new URLSearchParams();
    if (q) params.set('q', q);
    if (result.incident) params.set('incident', result.incident);
    const query = params.toString();
    const path = this.options.config.lookupPath;
    return query ? `${path}?${query}` : path;
  }

  /** What the alert sends, decided now: the notification and the vendor copy. */
  #job(alert: IncomingAlert, route: AlertRoute): AlertDeliveryJob {
    const { result, recipients } = route;
    return {
      fingerprint: alert.fingerprint,
      ...(recipients.length
        ? { notification: this.#notification(alert, route) }
        : {}),
      ...(result.team
        ? {
            forward: {
              fingerprint: alert.fingerprint,
              status: alert.status,
              summary: summaryOf(alert),
              severity: severityOf(alert).vendor,
              source: result.matchedLabel?.value ?? 'integrated-ops',
              entityRef: result.entity,
              discipline: result.discipline,
              teamRef: result.team,
              labels: alert.labels,
              // The answer in the portal, absolute: the vendor's page links to it.
              link: this.options.config.portalUrl
                ? `${this.options.config.portalUrl}${this.#lookupLink(route)}`
                : undefined,
            },
          }
        : {}),
    };
  }

  #notification(
    alert: IncomingAlert,
    route: AlertRoute,
  ): NotificationSendOptions {
    const { result, recipients } = route;
    const resolved = alert.status === 'resolved';
    const on = result.matchedLabel ? ` (${result.matchedLabel.value})` : '';
    const what = `${route.answer?.entity.title ?? 'an unknown entity'}${on}`;
    const team =
      route.answer?.owners[result.discipline].team?.title ?? result.team;
    const headline =
      result.outcome === 'routed'
        ? `${
            DISCIPLINE_TITLES[result.discipline]
          } alert on ${what}, for ${team}.`
        : `${
            DISCIPLINE_TITLES[result.discipline]
          } alert on ${what}: no owner found, sent to the fallback team.`;
    return {
      recipients: { type: 'entity', entityRef: recipients },
      payload: {
        title: alertTitle(alert, route, this.options.config.entityLabels),
        description: `${headline} Why: ${result.why.join('; ')}`.slice(0, 2000),
        link: this.#lookupLink(route),
        severity: resolved ? 'low' : severityOf(alert).notification,
        topic: 'integrated-ops.alert',
        scope: `integrated-ops.alert.${alert.fingerprint}`,
      },
    };
  }

  async #notify(
    job: AlertDeliveryJob,
  ): Promise<{ notified: string[]; why: string[] }> {
    const { notification } = job;
    if (!notification) return { notified: [], why: [] };
    try {
      await this.options.notifications.send(notification);
      const { recipients } = notification;
      return {
        notified:
          recipients.type === 'entity' ? [recipients.entityRef].flat() : [],
        why: [],
      };
    } catch (e) {
      this.options.logger.error(
        `Alert ${job.fingerprint}: notification failed`,
        e as Error,
      );
      return {
        notified: [],
        why: [`notification failed: ${(e as Error).message}`],
      };
    }
  }

  async #forward(
    index: OwnershipIndex,
    { forward }: AlertDeliveryJob,
  ): Promise<string[]> {
    const team = forward ? index.entity(forward.teamRef) : undefined;
    if (!forward || !team) return [];
    const forwarded: string[] = [];
    for (const forwarder of this.options.forwarders) {
      try {
        const done = await forwarder.forwardAlert(
          team,
          forward,
          AbortSignal.timeout(this.options.forwardTimeoutMs ?? 5000),
        );
        if (done) forwarded.push(done);
      } catch (e) {
        // Not retried: logged, and said in the answer when it is still open.
        this.options.logger.warn(
          `Alert ${forward.fingerprint}: ${forwarder.id} forward failed: ${
            (e as Error).message
          }`,
        );
        forwarded.push(`${forwarder.id}: failed: ${(e as Error).message}`);
      }
    }
    return forwarded;
  }
}
