import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
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
}

/**
 * Routes a batch of alerts and delivers each: a Backstage notification to
 * the people on call and the team (scope = the fingerprint, so a repeat or
 * `resolved` updates the same notification), a copy to the on-call vendors
 * that page for the team, and a row for each alert that found no owner.
 * Every alert is routed before any is delivered.
 */
export class AlertDelivery {
  /** Unrouted alerts not saved yet (the database was unreachable); saved with the next. */
  #unsaved: UnroutedAlert[] = [];

  constructor(private readonly options: AlertDeliveryOptions) {}

  async deliver(
    index: OwnershipIndex,
    alerts: IncomingAlert[],
    at: Date,
    answerOptions: AnswerOptions,
  ): Promise<AlertRoutingResponse> {
    const { config } = this.options;
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
    // Notifications and vendor copies go out a few at a time (a storm of a
    // thousand alerts answers within Alertmanager's 10 s webhook timeout);
    // the alerts of one fingerprint stay in their order.
    const limit = pLimit(DELIVERY_CONCURRENCY);
    await Promise.all(
      [...groupBy(routes, r => r.alert.fingerprint).values()].map(group =>
        limit(async () => {
          for (const { alert, route } of group) {
            await Promise.all([
              this.#notify(alert, route),
              this.#forward(index, alert, route),
            ]);
          }
        }),
      ),
    );
    return {
      received: alerts.length,
      results: routes.map(r => r.route.result),
    };
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

  async #notify(alert: IncomingAlert, route: AlertRoute) {
    const { result, recipients } = route;
    if (!recipients.length) return;
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
    try {
      await this.options.notifications.send({
        recipients: { type: 'entity', entityRef: recipients },
        payload: {
          title: alertTitle(alert, route, this.options.config.entityLabels),
          description: `${headline} Why: ${result.why.join('; ')}`.slice(
            0,
            2000,
          ),
          link: this.#lookupLink(route),
          severity: resolved ? 'low' : severityOf(alert).notification,
          topic: 'integrated-ops.alert',
          scope: `integrated-ops.alert.${alert.fingerprint}`,
        },
      });
      result.notified = recipients;
    } catch (e) {
      result.why.push(`notification failed: ${(e as Error).message}`);
      this.options.logger.error(
        `Alert ${alert.fingerprint}: notification failed`,
        e as Error,
      );
    }
  }

  async #forward(
    index: OwnershipIndex,
    alert: IncomingAlert,
    route: AlertRoute,
  ) {
    const { result } = route;
    const team = result.team ? index.entity(result.team) : undefined;
    if (!team) return;
    for (const forwarder of this.options.forwarders) {
      try {
        const done = await forwarder.forwardAlert(
          team,
          {
            fingerprint: alert.fingerprint,
            status: alert.status,
            summary: summaryOf(alert),
            severity: severityOf(alert).vendor,
            source: result.matchedLabel?.value ?? 'integrated-ops',
            entityRef: result.entity,
            discipline: result.discipline,
            teamRef: result.team!,
            labels: alert.labels,
            link: result.notified.length
              ? this.options.config.lookupPath
              : undefined,
          },
          AbortSignal.timeout(this.options.forwardTimeoutMs ?? 5000),
        );
        if (done) result.forwarded.push(done);
      } catch (e) {
        result.forwarded.push(
          `${forwarder.id}: failed: ${(e as Error).message}`,
        );
      }
    }
  }
}
