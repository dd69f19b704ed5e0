import { Entity } from '@backstage/catalog-model';
import {
  OnCallProvider,
  Pager,
  PageState,
  PortalPage,
  pageVendorKey,
  ProviderPerson,
  ProviderReferences,
  ProviderShift,
} from '@integrated-ops/plugin-integrated-ops-node';
import { OgPeriod, OpsgenieClient, ScheduleIdentifier } from './OpsgenieClient';

/**
 * Schedules a team's on-call lives in (comma-separated ids).
 *
 * @public
 */
export const OPSGENIE_SCHEDULE_ANNOTATION = 'opsgenie.com/schedule-id';
/**
 * The Opsgenie team (the Backstage Opsgenie plugin's annotation): its
 * default schedule, which Opsgenie names `<team>_schedule`.
 *
 * @public
 */
export const OPSGENIE_TEAM_ANNOTATION = 'opsgenie.com/team';

const LOOKAHEAD_DAYS = 14;

/** `name:<schedule name>` in a reference means by name; anything else is an id. */
export function parseScheduleReference(ref: string): ScheduleIdentifier {
  return ref.startsWith('name:')
    ? { identifier: ref.slice(5), type: 'name' }
    : { identifier: ref, type: 'id' };
}

function who(period: OgPeriod): ProviderPerson | undefined {
  const { recipient } = period;
  if (recipient.type !== 'user' || !recipient.name) return undefined;
  return {
    name: recipient.name,
    email: recipient.name.includes('@') ? recipient.name : undefined,
  };
}

/** Opsgenie (and Jira Service Management Operations) as an on-call provider and a pager. */
export class OpsgenieProvider implements OnCallProvider, Pager {
  readonly id = 'opsgenie';
  readonly title = 'Opsgenie';

  constructor(private readonly client: OpsgenieClient) {}

  references(team: Entity): ProviderReferences {
    const annotations = team.metadata.annotations ?? {};
    const schedules = (annotations[OPSGENIE_SCHEDULE_ANNOTATION] ?? '')
      .split(',')
      .map(s => s.trim())
      .filter(Boolean);
    const ogTeam = annotations[OPSGENIE_TEAM_ANNOTATION]?.trim();
    if (ogTeam && !schedules.length) schedules.push(`name:${ogTeam}_schedule`);
    return { schedules, escalationPolicies: [] };
  }

  async shift(
    reference: string,
    at: Date,
    signal: AbortSignal,
  ): Promise<ProviderShift> {
    const id = parseScheduleReference(reference);
    const [schedule, timeline] = await Promise.all([
      this.client.schedule(id, signal),
      this.client.timeline(id, at, LOOKAHEAD_DAYS, signal),
    ]);
    // Rotations in order; the first with a user on call at `at` answers
    // (overrides are already in the final timeline).
    const periods = [...timeline.finalTimeline.rotations]
      .sort((a, b) => a.order - b.order)
      .flatMap(r => r.periods ?? [])
      .filter(p => who(p));
    const t = at.getTime();
    const current = periods.find(
      p => Date.parse(p.startDate) <= t && t < Date.parse(p.endDate),
    );
    const end = current ? Date.parse(current.endDate) : t;
    const following = periods
      .filter(p => Date.parse(p.startDate) >= end && p !== current)
      .sort((a, b) => Date.parse(a.startDate) - Date.parse(b.startDate))[0];
    return {
      schedule: schedule.id,
      name: schedule.name,
      timeZone: schedule.timezone,
      onCall: current ? who(current) : undefined,
      from: current ? new Date(current.startDate).toISOString() : undefined,
      until: current
        ? new Date(current.endDate).toISOString()
        : following && new Date(following.startDate).toISOString(),
      next: following ? who(following) : undefined,
    };
  }

  /** Creates a P1 alert for the team (`opsgenie.com/team`), aliased by the page's id. */
  async page(
    team: Entity,
    page: PortalPage,
    signal: AbortSignal,
  ): Promise<{ key: string; said: string } | undefined> {
    const ogTeam =
      team.metadata.annotations?.[OPSGENIE_TEAM_ANNOTATION]?.trim();
    if (!ogTeam) return undefined;
    const alias = pageVendorKey(page.id);
    const answer = await this.client.createAlert(
      {
        message: page.summary.slice(0, 130),
        alias,
        description: [page.note, `Looked up: ${page.query}`, page.link]
          .filter(Boolean)
          .join('\n'),
        responders: [{ type: 'team', name: ogTeam }],
        details: {
          entity: page.entityRef,
          // None for an escalation (the query matched nothing).
          ...(page.discipline ? { discipline: page.discipline } : {}),
          team: page.teamRef,
          pagedBy: page.pagedBy,
        },
        source: 'Integrated Ops Portal',
        priority: 'P1',
      },
      signal,
    );
    return {
      key: alias,
      said: `Opsgenie: alert for team ${ogTeam} accepted (${answer.result}, request ${answer.requestId})`,
    };
  }

  /** The alert of the page's alias: acknowledged by whom and when, or closed. */
  async pageState(
    _team: Entity,
    key: string,
    signal: AbortSignal,
  ): Promise<PageState | undefined> {
    const alert = await this.client.alertByAlias(key, signal);
    if (!alert) return undefined;
    const by = alert.report?.acknowledgedBy;
    const ackAt =
      alert.report?.ackTime !== undefined
        ? new Date(
            Date.parse(alert.createdAt) + alert.report.ackTime,
          ).toISOString()
        : undefined;
    const acknowledged = alert.acknowledged
      ? {
          ...(by
            ? {
                acknowledgedBy: {
                  name: by,
                  email: by.includes('@') ? by : undefined,
                },
              }
            : {}),
          ...(ackAt ? { acknowledgedAt: ackAt } : {}),
        }
      : {};
    if (alert.acknowledged) return { state: 'acknowledged', ...acknowledged };
    return { state: alert.status === 'closed' ? 'resolved' : 'triggered' };
  }
}
