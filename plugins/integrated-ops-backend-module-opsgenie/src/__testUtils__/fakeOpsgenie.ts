import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A local server implementing exactly the Opsgenie REST API v2 endpoints the
 * module calls, shaped as Opsgenie documents them: GET
 * /v2/schedules/{identifier}?identifierType=id|name and GET
 * /v2/schedules/{identifier}/timeline (finalTimeline.rotations[].periods,
 * overrides included), POST /v2/alerts (202, created asynchronously: the
 * alert exists once the test says so or at once) and GET
 * /v2/alerts/{alias}?identifierType=alias, `{ data, took, requestId }`
 * envelopes, errors as `{ message, took, requestId }`, auth `GenieKey …`.
 */
export interface FakeAlert {
  id: string;
  alias: string;
  message: string;
  description?: string;
  responders: { type: string; name: string }[];
  details?: Record<string, string>;
  priority: string;
  createdAt: string;
  status: 'open' | 'closed';
  acknowledged: boolean;
  report?: { ackTime?: number; acknowledgedBy?: string };
}

/** What a responder does in Opsgenie's app: acknowledges the alert of an alias. */
export function acknowledgeAlert(
  state: FakeOpsgenieState,
  alias: string,
  user: string,
  afterMs: number,
) {
  const alert = state.alerts.find(a => a.alias === alias);
  if (!alert) throw new Error(`no alert ${alias}`);
  alert.acknowledged = true;
  alert.report = { ackTime: afterMs, acknowledgedBy: user };
}
export interface FakePeriod {
  startDate: string;
  endDate: string;
  type: 'default' | 'override' | 'historical';
  user?: string;
}
export interface FakeOpsgenieState {
  apiKey: string;
  schedules: {
    id: string;
    name: string;
    timezone: string;
    rotations: { name: string; order: number; periods: FakePeriod[] }[];
  }[];
  failWith?: number;
  requests: URL[];
  /** Alerts created by POST /v2/alerts. */
  alerts: FakeAlert[];
}

function send(res: ServerResponse, status: number, body: object) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ ...body, took: 0.01, requestId: 'req-1' }));
}

function handle(
  state: FakeOpsgenieState,
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
) {
  const url = new URL(req.url!, 'http://fake');
  state.requests.push(url);
  if (req.headers.authorization !== `GenieKey ${state.apiKey}`) {
    return send(res, 401, { message: 'Could not authenticate' });
  }
  if (state.failWith) {
    return send(res, state.failWith, {
      message: state.failWith === 429 ? 'Request throttled' : 'Internal error',
    });
  }
  if (req.method === 'POST' && url.pathname === '/v2/alerts') {
    const alert = JSON.parse(body);
    if (!alert.message) {
      return send(res, 422, { message: 'Message can not be empty.' });
    }
    state.alerts.push({
      ...alert,
      id: `alert-${state.alerts.length + 1}`,
      createdAt: new Date().toISOString(),
      status: 'open',
      acknowledged: false,
    });
    return send(res, 202, { result: 'Request will be processed' });
  }
  const alertPath = url.pathname.match(/^\/v2\/alerts\/([^/]+)$/);
  if (req.method === 'GET' && alertPath) {
    const key = decodeURIComponent(alertPath[1]);
    const byAlias = url.searchParams.get('identifierType') === 'alias';
    const alert = state.alerts.find(a => (byAlias ? a.alias : a.id) === key);
    if (!alert) return send(res, 404, { message: 'Alert does not exist' });
    return send(res, 200, { data: { ...alert, tinyId: alert.id.slice(6) } });
  }
  const m = url.pathname.match(/^\/v2\/schedules\/([^/]+)(\/timeline)?$/);
  const identifier = m && decodeURIComponent(m[1]);
  const byName = (url.searchParams.get('identifierType') ?? 'id') === 'name';
  const s = state.schedules.find(x => (byName ? x.name : x.id) === identifier);
  if (!m || !s)
    return send(res, 404, {
      message: `No schedule exists with ${
        byName ? 'name' : 'id'
      } [${identifier}]`,
    });
  const parent = { id: s.id, name: s.name, enabled: true };
  if (!m[2]) {
    return send(res, 200, {
      data: {
        ...parent,
        description: '',
        timezone: s.timezone,
        ownerTeam: { id: 't1', name: 'soc' },
        rotations: [],
      },
    });
  }
  const from = Date.parse(url.searchParams.get('date')!);
  const days = Number(url.searchParams.get('interval') ?? 1);
  const to = from + days * 86400_000;
  return send(res, 200, {
    data: {
      _parent: parent,
      startDate: new Date(from).toISOString(),
      endDate: new Date(to).toISOString(),
      finalTimeline: {
        rotations: s.rotations.map((r, i) => ({
          id: `rot-${i}`,
          name: r.name,
          order: r.order,
          periods: r.periods
            .filter(
              p => Date.parse(p.endDate) > from && Date.parse(p.startDate) < to,
            )
            .map(p => ({
              startDate: p.startDate,
              endDate: p.endDate,
              type: p.type,
              recipient: p.user
                ? { id: `u-${p.user}`, type: 'user', name: p.user }
                : { type: 'none' },
            })),
        })),
      },
      baseTimeline: { rotations: [] },
      overrideTimeline: { rotations: [] },
      forwardingTimeline: { rotations: [] },
    },
  });
}

export async function startFakeOpsgenie(
  state: Partial<FakeOpsgenieState> = {},
): Promise<{ url: string; state: FakeOpsgenieState; server: Server }> {
  const full: FakeOpsgenieState = {
    apiKey: 'og-test-key',
    schedules: [],
    requests: [],
    alerts: [],
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
