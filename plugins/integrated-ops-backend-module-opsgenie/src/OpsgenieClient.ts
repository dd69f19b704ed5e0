import {
  vendorJson,
  VendorRequestError,
} from '@integrated-ops/plugin-integrated-ops-node';

/** A schedule named either by id or by name (`name:<schedule name>`). */
export interface ScheduleIdentifier {
  identifier: string;
  type: 'id' | 'name';
}

export interface OgSchedule {
  id: string;
  name: string;
  timezone: string;
  enabled: boolean;
}

export interface OgRecipient {
  id?: string;
  type: 'user' | 'team' | 'escalation' | 'none';
  /** For users: their username, which is their email address. */
  name?: string;
}

export interface OgPeriod {
  startDate: string;
  endDate: string;
  type: 'default' | 'override' | 'forwarding' | 'historical';
  recipient: OgRecipient;
}

export interface OgTimeline {
  _parent: { id: string; name: string; enabled: boolean };
  startDate: string;
  endDate: string;
  finalTimeline: {
    rotations: {
      id: string;
      name: string;
      order: number;
      periods?: OgPeriod[];
    }[];
  };
}

/** An alert as GET /v2/alerts/{identifier} answers it (the parts read). */
export interface OgAlert {
  id: string;
  alias: string;
  status: 'open' | 'closed';
  acknowledged: boolean;
  report?: {
    /** Milliseconds from creation to acknowledgement. */
    ackTime?: number;
    acknowledgedBy?: string;
    closedBy?: string;
  };
  createdAt: string;
}

/**
 * A small client of the Opsgenie REST API v2 (also Jira Service Management
 * Operations' Opsgenie API): GET /v2/schedules/{identifier} and its
 * /timeline, whose final timeline includes overrides; POST /v2/alerts and
 * GET /v2/alerts/{alias}?identifierType=alias for paging. Auth: `GenieKey …`.
 */
export class OpsgenieClient {
  constructor(private readonly options: { baseUrl: string; apiKey: string }) {}

  async #get<T>(
    path: string,
    query: Record<string, string>,
    signal: AbortSignal,
  ) {
    const url = new URL(path, this.options.baseUrl);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const { data } = await vendorJson<{ data: T }>('Opsgenie', url, {
      signal,
      headers: {
        Accept: 'application/json',
        Authorization: `GenieKey ${this.options.apiKey}`,
      },
    });
    return data;
  }

  /** POST /v2/alerts: Opsgenie takes it asynchronously (202 with a request id). */
  createAlert(
    alert: {
      message: string;
      alias: string;
      description?: string;
      responders: { type: 'team'; name: string }[];
      details?: Record<string, string>;
      source?: string;
      priority: 'P1' | 'P2' | 'P3' | 'P4' | 'P5';
    },
    signal: AbortSignal,
  ): Promise<{ result: string; requestId: string }> {
    return vendorJson('Opsgenie', new URL('v2/alerts', this.options.baseUrl), {
      method: 'POST',
      signal,
      headers: {
        'Content-Type': 'application/json',
        Authorization: `GenieKey ${this.options.apiKey}`,
      },
      body: JSON.stringify(alert),
    });
  }

  /** The alert of an alias; undefined while Opsgenie has not created it (404). */
  async alertByAlias(
    alias: string,
    signal: AbortSignal,
  ): Promise<OgAlert | undefined> {
    try {
      return await this.#get<OgAlert>(
        `v2/alerts/${encodeURIComponent(alias)}`,
        { identifierType: 'alias' },
        signal,
      );
    } catch (error) {
      if (error instanceof VendorRequestError && error.status === 404) {
        return undefined;
      }
      throw error;
    }
  }

  schedule(s: ScheduleIdentifier, signal: AbortSignal) {
    return this.#get<OgSchedule>(
      `v2/schedules/${encodeURIComponent(s.identifier)}`,
      { identifierType: s.type },
      signal,
    );
  }

  /** The final timeline (rotations, overrides applied) of the days from `date`. */
  timeline(
    s: ScheduleIdentifier,
    date: Date,
    days: number,
    signal: AbortSignal,
  ) {
    return this.#get<OgTimeline>(
      `v2/schedules/${encodeURIComponent(s.identifier)}/timeline`,
      {
        identifierType: s.type,
        interval: String(days),
        intervalUnit: 'days',
        date: date.toISOString(),
      },
      signal,
    );
  }
}
