import { vendorJson } from '@integrated-ops/plugin-integrated-ops-node';

/** The parts of PagerDuty's REST API v2 objects the lookup reads. */
export interface PdUser {
  id: string;
  type: 'user' | 'user_reference';
  summary?: string;
  name?: string;
  email?: string;
}

export interface PdOnCall {
  user: PdUser;
  schedule: { id: string; summary?: string } | null;
  escalation_policy: { id: string; summary?: string };
  escalation_level: number;
  /** Null for an on-call that is not from a schedule (a user on the policy directly). */
  start: string | null;
  end: string | null;
}

export interface PdSchedule {
  id: string;
  name: string;
  time_zone: string;
}

export interface PdEscalationPolicy {
  id: string;
  name: string;
  escalation_rules: {
    id: string;
    escalation_delay_in_minutes: number;
    targets: { id: string; type: string; summary?: string }[];
  }[];
}

export interface PdIncident {
  id: string;
  incident_key: string | null;
  status: 'triggered' | 'acknowledged' | 'resolved';
  /** Who acknowledged and when; empty while nobody has. */
  acknowledgements?: { at: string; acknowledger: PdUser }[];
}

interface OnCallsPage {
  oncalls: PdOnCall[];
  limit: number;
  offset: number;
  more: boolean;
}

const PAGE_LIMIT = 100;
const MAX_PAGES = 50;

/**
 * A small client of PagerDuty's REST API v2: the endpoints the lookup
 * reads (GET /oncalls with offset pagination, GET /schedules/{id}, GET
 * /escalation_policies/{id}, GET /incidents by incident key). Auth is an API token (`Token token=…`).
 */
export class PagerDutyClient {
  constructor(private readonly options: { baseUrl: string; token: string }) {}

  #get<T>(path: string, query: [string, string][], signal: AbortSignal) {
    const url = new URL(path, this.options.baseUrl);
    for (const [k, v] of query) url.searchParams.append(k, v);
    return vendorJson<T>('PagerDuty', url, {
      signal,
      headers: {
        Accept: 'application/json',
        Authorization: `Token token=${this.options.token}`,
      },
    });
  }

  async schedule(id: string, signal: AbortSignal): Promise<PdSchedule> {
    const { schedule } = await this.#get<{ schedule: PdSchedule }>(
      `schedules/${encodeURIComponent(id)}`,
      [],
      signal,
    );
    return schedule;
  }

  async escalationPolicy(
    id: string,
    signal: AbortSignal,
  ): Promise<PdEscalationPolicy> {
    const { escalation_policy } = await this.#get<{
      escalation_policy: PdEscalationPolicy;
    }>(`escalation_policies/${encodeURIComponent(id)}`, [], signal);
    return escalation_policy;
  }

  /** Every on-call entry overlapping [since, until], users with their emails, all pages. */
  async onCalls(
    filter: { scheduleId: string } | { escalationPolicyId: string },
    since: Date,
    until: Date,
    signal: AbortSignal,
  ): Promise<PdOnCall[]> {
    const query: [string, string][] = [
      'scheduleId' in filter
        ? ['schedule_ids[]', filter.scheduleId]
        : ['escalation_policy_ids[]', filter.escalationPolicyId],
      ['include[]', 'users'],
      ['since', since.toISOString()],
      ['until', until.toISOString()],
      ['time_zone', 'UTC'],
      ['limit', String(PAGE_LIMIT)],
    ];
    const all: PdOnCall[] = [];
    let offset = 0;
    for (let page = 0; page < MAX_PAGES; page++) {
      const body = await this.#get<OnCallsPage>(
        'oncalls',
        [...query, ['offset', String(offset)]],
        signal,
      );
      all.push(...body.oncalls);
      if (!body.more || !body.oncalls.length) break;
      offset = body.offset + body.oncalls.length;
    }
    return all;
  }

  /**
   * REST API v2 GET /incidents?incident_key=: the incident an Events API
   * dedup key opened (none while PagerDuty is still processing the event),
   * with its acknowledgements.
   */
  async incidentByKey(
    key: string,
    signal: AbortSignal,
  ): Promise<PdIncident | undefined> {
    const { incidents } = await this.#get<{ incidents: PdIncident[] }>(
      'incidents',
      [
        ['incident_key', key],
        ['date_range', 'all'],
        // Acknowledgers as full users, with the email a catalog user is found by.
        ['include[]', 'acknowledgers'],
        ['limit', '1'],
      ],
      signal,
    );
    return incidents[0];
  }

  /** Events API v2: trigger or resolve an alert on the service behind a routing key. */
  async sendEvent(
    eventsBaseUrl: string,
    event: {
      routing_key: string;
      event_action: 'trigger' | 'resolve';
      dedup_key: string;
      payload?: {
        summary: string;
        source: string;
        severity: 'critical' | 'error' | 'warning' | 'info';
        custom_details?: Record<string, unknown>;
      };
      links?: { href: string; text: string }[];
    },
    signal: AbortSignal,
  ): Promise<{ status: string; message: string; dedup_key?: string }> {
    return vendorJson(
      'PagerDuty Events API',
      new URL('v2/enqueue', eventsBaseUrl),
      {
        method: 'POST',
        signal,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(event),
      },
    );
  }
}
