import { Entity } from '@backstage/catalog-model';
import {
  AlertForwarder,
  OnCallProvider,
  Pager,
  PageState,
  PortalPage,
  pageVendorKey,
  ProviderEscalationPolicy,
  ProviderPerson,
  ProviderReferences,
  ProviderShift,
  RoutedAlert,
} from '@integrated-ops/plugin-integrated-ops-node';
import { PagerDutyClient, PdOnCall, PdUser } from './PagerDutyClient';

/**
 * Schedules a team's on-call lives in (comma-separated ids).
 *
 * @public
 */
export const PAGERDUTY_SCHEDULE_ANNOTATION = 'pagerduty.com/schedule-id';
/**
 * The team's escalation policy (comma-separated ids).
 *
 * @public
 */
export const PAGERDUTY_ESCALATION_POLICY_ANNOTATION =
  'pagerduty.com/escalation-policy-id';
/**
 * The Events API v2 routing key of the team's service (the Backstage PagerDuty plugin's annotation).
 *
 * @public
 */
export const PAGERDUTY_INTEGRATION_KEY_ANNOTATION =
  'pagerduty.com/integration-key';

/** How far ahead the lookup asks, to name who is next. */
const LOOKAHEAD_MS = 14 * 24 * 3600 * 1000;

function ids(team: Entity, annotation: string): string[] {
  return (team.metadata.annotations?.[annotation] ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
}

function who(user: PdUser): ProviderPerson {
  return { name: user.name ?? user.summary ?? user.id, email: user.email };
}

const utc = (iso: string | null) =>
  iso ? new Date(iso).toISOString() : undefined;

/** PagerDuty as an on-call provider, an alert forwarder and a pager. */
export class PagerDutyProvider
  implements OnCallProvider, AlertForwarder, Pager
{
  readonly id = 'pagerduty';
  readonly title = 'PagerDuty';

  constructor(
    private readonly client: PagerDutyClient,
    private readonly eventsBaseUrl: string,
  ) {}

  references(team: Entity): ProviderReferences {
    return {
      schedules: ids(team, PAGERDUTY_SCHEDULE_ANNOTATION),
      escalationPolicies: ids(team, PAGERDUTY_ESCALATION_POLICY_ANNOTATION),
    };
  }

  async shift(
    scheduleId: string,
    at: Date,
    signal: AbortSignal,
  ): Promise<ProviderShift> {
    const [schedule, onCalls] = await Promise.all([
      this.client.schedule(scheduleId, signal),
      this.client.onCalls(
        { scheduleId },
        at,
        new Date(at.getTime() + LOOKAHEAD_MS),
        signal,
      ),
    ]);
    // One entry per shift (and per escalation level the schedule is on):
    // keep the schedule's own shifts in time order.
    const shifts = onCalls
      .filter(o => o.schedule?.id === scheduleId && o.start && o.end)
      .sort((a, b) => Date.parse(a.start!) - Date.parse(b.start!));
    const t = at.getTime();
    const current = shifts.find(
      o => Date.parse(o.start!) <= t && t < Date.parse(o.end!),
    );
    const following = shifts.find(
      o =>
        Date.parse(o.start!) > t && (!current || o.user.id !== current.user.id),
    );
    return {
      schedule: schedule.id,
      name: schedule.name,
      timeZone: schedule.time_zone,
      onCall: current ? who(current.user) : undefined,
      from: current ? utc(current.start) : undefined,
      until: current ? utc(current.end) : utc(following?.start ?? null),
      next: following ? who(following.user) : undefined,
    };
  }

  async escalationPolicy(
    id: string,
    at: Date,
    signal: AbortSignal,
  ): Promise<ProviderEscalationPolicy> {
    const [policy, onCalls] = await Promise.all([
      this.client.escalationPolicy(id, signal),
      this.client.onCalls({ escalationPolicyId: id }, at, at, signal),
    ]);
    const byLevel = new Map<number, PdOnCall[]>();
    for (const o of onCalls) {
      byLevel.set(o.escalation_level, [
        ...(byLevel.get(o.escalation_level) ?? []),
        o,
      ]);
    }
    return {
      id: policy.id,
      name: policy.name,
      levels: policy.escalation_rules.map((rule, i) => ({
        level: i + 1,
        delayMinutes: rule.escalation_delay_in_minutes,
        onCall: (byLevel.get(i + 1) ?? [])
          .filter(
            (o, j, all) => all.findIndex(x => x.user.id === o.user.id) === j,
          )
          .map(o => who(o.user)),
      })),
    };
  }

  async forwardAlert(
    team: Entity,
    alert: RoutedAlert,
    signal: AbortSignal,
  ): Promise<string | undefined> {
    const routingKey =
      team.metadata.annotations?.[PAGERDUTY_INTEGRATION_KEY_ANNOTATION];
    if (!routingKey) return undefined;
    const resolve = alert.status === 'resolved';
    const answer = await this.client.sendEvent(
      this.eventsBaseUrl,
      {
        routing_key: routingKey,
        event_action: resolve ? 'resolve' : 'trigger',
        dedup_key: alert.fingerprint,
        ...(resolve
          ? {}
          : {
              payload: {
                summary: alert.summary.slice(0, 1024),
                source: alert.source,
                severity: alert.severity,
                custom_details: {
                  entity: alert.entityRef,
                  discipline: alert.discipline,
                  team: alert.teamRef,
                  labels: alert.labels,
                },
              },
              links: alert.link
                ? [{ href: alert.link, text: 'Ownership in the portal' }]
                : undefined,
            }),
      },
      signal,
    );
    return `PagerDuty Events API: ${resolve ? 'resolve' : 'trigger'} ${
      answer.status
    } (dedup key ${answer.dedup_key ?? alert.fingerprint})`;
  }

  /** Triggers an incident on the team's service (Events API v2), deduplicated by the page's id. */
  async page(
    team: Entity,
    page: PortalPage,
    signal: AbortSignal,
  ): Promise<{ key: string; said: string } | undefined> {
    const routingKey =
      team.metadata.annotations?.[PAGERDUTY_INTEGRATION_KEY_ANNOTATION];
    if (!routingKey) return undefined;
    const key = pageVendorKey(page.id);
    const answer = await this.client.sendEvent(
      this.eventsBaseUrl,
      {
        routing_key: routingKey,
        event_action: 'trigger',
        dedup_key: key,
        payload: {
          summary: page.summary.slice(0, 1024),
          source: page.query.slice(0, 255) || page.entityRef,
          severity: 'critical',
          custom_details: {
            entity: page.entityRef,
            discipline: page.discipline,
            team: page.teamRef,
            paged_by: page.pagedBy,
            note: page.note,
          },
        },
        links: page.link
          ? [{ href: page.link, text: 'The page in the portal' }]
          : undefined,
      },
      signal,
    );
    return {
      key: answer.dedup_key ?? key,
      said: `PagerDuty Events API: trigger ${answer.status} (dedup key ${
        answer.dedup_key ?? key
      })`,
    };
  }

  /** The incident the page opened (REST API v2, by incident key) and its first acknowledgement. */
  async pageState(
    _team: Entity,
    key: string,
    signal: AbortSignal,
  ): Promise<PageState | undefined> {
    const incident = await this.client.incidentByKey(key, signal);
    if (!incident) return undefined;
    const [first] = incident.acknowledgements ?? [];
    return {
      state: incident.status,
      ...(first
        ? {
            acknowledgedBy: who(first.acknowledger),
            acknowledgedAt: utc(first.at),
          }
        : {}),
    };
  }
}
