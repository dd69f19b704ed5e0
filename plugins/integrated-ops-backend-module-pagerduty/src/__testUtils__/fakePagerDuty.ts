import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A local server implementing exactly the PagerDuty endpoints the module
 * calls, with bodies shaped as PagerDuty's REST API v2 and Events API v2
 * reference documents them: GET /oncalls (offset pagination: limit, offset,
 * more; `include[]=users` embeds user objects with emails; since/until
 * select overlapping entries), GET /schedules/{id}, GET
 * /escalation_policies/{id}, GET /incidents (by `incident_key`;
 * `include[]=acknowledgers` expands acknowledgers to users), POST
 * /v2/enqueue (a trigger opens an incident keyed by its dedup key, a repeat
 * of the key adds to it). Errors are PagerDuty's `{ error: { message, code } }`.
 */
export interface FakeUser {
  id: string;
  name: string;
  email: string;
}
export interface FakeOnCall {
  user: FakeUser;
  scheduleId: string | null;
  policyId: string;
  level: number;
  start: string | null;
  end: string | null;
}
export interface FakeIncident {
  id: string;
  incident_key: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
  acknowledgements: { at: string; acknowledger: FakeUser }[];
}

/** What a responder does in PagerDuty's app: acknowledges the incident of a dedup key. */
export function acknowledge(
  state: FakePagerDutyState,
  key: string,
  by: FakeUser,
  at = new Date().toISOString(),
) {
  const incident = state.incidents.find(i => i.incident_key === key);
  if (!incident) throw new Error(`no incident for ${key}`);
  incident.status = 'acknowledged';
  incident.acknowledgements.push({ at, acknowledger: by });
}

export interface FakePagerDutyState {
  token: string;
  schedules: { id: string; name: string; time_zone: string }[];
  policies: {
    id: string;
    name: string;
    rules: { delay: number; targets: { id: string; type: string }[] }[];
  }[];
  onCalls: FakeOnCall[];
  /** Answer every REST call with this status (401, 429, 500). */
  failWith?: number;
  /** Events received on /v2/enqueue. */
  events: any[];
  /** Incidents the trigger events opened; a test acknowledges one with {@link acknowledge}. */
  incidents: FakeIncident[];
  /** Query strings of GET /oncalls, to see pagination happen. */
  onCallQueries: URLSearchParams[];
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const ref = (u: FakeUser) => ({
  id: u.id,
  type: 'user_reference',
  summary: u.name,
  self: `https://api.pagerduty.com/users/${u.id}`,
  html_url: `https://bank.pagerduty.com/users/${u.id}`,
});

function handle(
  state: FakePagerDutyState,
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
) {
  const url = new URL(req.url!, 'http://fake');
  if (req.method === 'POST' && url.pathname === '/v2/enqueue') {
    const event = JSON.parse(body);
    if (!event.routing_key || !event.event_action) {
      return send(res, 400, {
        status: 'invalid event',
        message: 'Event object is invalid',
        errors: [
          "Length of 'routing_key' is incorrect (should be 32 characters)",
        ],
      });
    }
    state.events.push(event);
    const open = state.incidents.find(
      i => i.incident_key === event.dedup_key && i.status !== 'resolved',
    );
    if (event.event_action === 'trigger' && !open) {
      state.incidents.push({
        id: `Q${state.incidents.length + 1}PAGE`,
        incident_key: event.dedup_key,
        status: 'triggered',
        acknowledgements: [],
      });
    }
    return send(res, 202, {
      status: 'success',
      message: 'Event processed',
      dedup_key: event.dedup_key,
    });
  }
  if (req.headers.authorization !== `Token token=${state.token}`) {
    return send(res, 401, { error: { message: 'Unauthorized', code: 2006 } });
  }
  if (state.failWith) {
    const message =
      state.failWith === 429 ? 'Rate Limit Exceeded' : 'Internal Server Error';
    res.setHeader('retry-after', '30');
    return send(res, state.failWith, {
      error: { message, code: state.failWith === 429 ? 2020 : 2001 },
    });
  }
  const schedule = url.pathname.match(/^\/schedules\/([^/]+)$/);
  if (schedule) {
    const s = state.schedules.find(
      x => x.id === decodeURIComponent(schedule[1]),
    );
    if (!s)
      return send(res, 404, { error: { message: 'Not Found', code: 2100 } });
    return send(res, 200, {
      schedule: {
        ...s,
        type: 'schedule',
        summary: s.name,
        description: '',
        escalation_policies: [],
        users: [],
        final_schedule: {
          name: 'Final Schedule',
          rendered_schedule_entries: [],
        },
      },
    });
  }
  const policy = url.pathname.match(/^\/escalation_policies\/([^/]+)$/);
  if (policy) {
    const p = state.policies.find(x => x.id === decodeURIComponent(policy[1]));
    if (!p)
      return send(res, 404, { error: { message: 'Not Found', code: 2100 } });
    return send(res, 200, {
      escalation_policy: {
        id: p.id,
        type: 'escalation_policy',
        name: p.name,
        summary: p.name,
        num_loops: 0,
        escalation_rules: p.rules.map((r, i) => ({
          id: `R${i}`,
          escalation_delay_in_minutes: r.delay,
          targets: r.targets.map(t => ({ ...t, summary: t.id })),
        })),
      },
    });
  }
  if (url.pathname === '/incidents') {
    const key = url.searchParams.get('incident_key');
    const found = state.incidents.filter(i => !key || i.incident_key === key);
    // include[]=acknowledgers expands each acknowledger to a user object.
    const expand = url.searchParams
      .getAll('include[]')
      .includes('acknowledgers');
    return send(res, 200, {
      incidents: found.map(i => ({
        id: i.id,
        type: 'incident',
        incident_key: i.incident_key,
        status: i.status,
        acknowledgements: i.acknowledgements.map(a => ({
          at: a.at,
          acknowledger: expand
            ? {
                ...ref(a.acknowledger),
                type: 'user',
                name: a.acknowledger.name,
                email: a.acknowledger.email,
              }
            : ref(a.acknowledger),
        })),
      })),
      limit: 25,
      offset: 0,
      more: false,
      total: null,
    });
  }
  if (url.pathname === '/oncalls') {
    state.onCallQueries.push(url.searchParams);
    const schedules = url.searchParams.getAll('schedule_ids[]');
    const policies = url.searchParams.getAll('escalation_policy_ids[]');
    const withUsers = url.searchParams.getAll('include[]').includes('users');
    const since = Date.parse(
      url.searchParams.get('since') ?? new Date().toISOString(),
    );
    const until = Date.parse(
      url.searchParams.get('until') ?? new Date().toISOString(),
    );
    const limit = Number(url.searchParams.get('limit') ?? 25);
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const all = state.onCalls.filter(
      o =>
        (!schedules.length ||
          (o.scheduleId && schedules.includes(o.scheduleId))) &&
        (!policies.length || policies.includes(o.policyId)) &&
        (o.start === null || Date.parse(o.start) <= until) &&
        (o.end === null || Date.parse(o.end) >= since),
    );
    const page = all.slice(offset, offset + limit);
    return send(res, 200, {
      oncalls: page.map(o => ({
        user: withUsers
          ? {
              ...ref(o.user),
              type: 'user',
              name: o.user.name,
              email: o.user.email,
              time_zone: 'Europe/Warsaw',
            }
          : ref(o.user),
        schedule: o.scheduleId
          ? {
              id: o.scheduleId,
              type: 'schedule_reference',
              summary: state.schedules.find(s => s.id === o.scheduleId)?.name,
            }
          : null,
        escalation_policy: {
          id: o.policyId,
          type: 'escalation_policy_reference',
          summary: o.policyId,
        },
        escalation_level: o.level,
        start: o.start,
        end: o.end,
      })),
      limit,
      offset,
      more: offset + limit < all.length,
      total: null,
    });
  }
  return send(res, 404, { error: { message: 'Not Found', code: 2100 } });
}

export async function startFakePagerDuty(
  state: Partial<FakePagerDutyState> = {},
): Promise<{ url: string; state: FakePagerDutyState; server: Server }> {
  const full: FakePagerDutyState = {
    token: 'pd-test-token',
    schedules: [],
    policies: [],
    onCalls: [],
    events: [],
    incidents: [],
    onCallQueries: [],
    ...state,
  };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', c => (body += c));
    req.on('end', () => handle(full, req, res, body));
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, state: full, server };
}
