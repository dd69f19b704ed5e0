/*
 * Alerts on the sample estate: the real catalog, the real notifications
 * backend and this plugin. An Alertmanager alert for 10.20.3.14:8443 reaches
 * the on-call of the discipline its labels name, as a notification that
 * person reads through the notifications API.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import {
  AlertRoutingResponse,
  LookupResponse,
} from '@integrated-ops/plugin-integrated-ops-common';
import request from 'supertest';
import { startSampleEstate } from './__testUtils__/sampleEstate';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

type Server = Parameters<typeof request>[0];
let server: Server;
let stop: () => Promise<void>;

const alertmanager = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('alertmanager'),
  targetPluginId: 'integrated-ops',
});

const webhook = (alerts: object[]) => ({
  version: '4',
  groupKey: '{}:{alertname="TlsHandshakeFailures"}',
  truncatedAlerts: 0,
  status: 'firing',
  receiver: 'backstage',
  groupLabels: {},
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'http://alertmanager:9093',
  alerts,
});

const tlsAlert = (category: string, status = 'firing') => ({
  status,
  labels: {
    alertname: 'TlsHandshakeFailures',
    instance: '10.20.3.14:8443',
    category,
    severity: 'critical',
  },
  annotations: { summary: `TLS handshake failures (${category})` },
  startsAt: '2026-03-04T02:13:00Z',
  endsAt: '0001-01-01T00:00:00Z',
  generatorURL: 'http://prometheus/graph',
  fingerprint: `fp-${category}`,
});

async function post(body: object, auth = alertmanager) {
  return request(server)
    .post('/api/integrated-ops/alerts/alertmanager')
    .set('Authorization', auth)
    .send(body);
}

async function onCallOf(discipline: 'netops' | 'secops') {
  const res = await request(server)
    .get('/api/integrated-ops/lookup')
    .query({ q: '10.20.3.14' })
    .set('Authorization', mockCredentials.user.header());
  const answer = (res.body as LookupResponse).matches[0].answer!;
  return answer.owners[discipline].onCall[0].person!.ref;
}

async function notificationsOf(userRef: string) {
  const res = await request(server)
    .get('/api/notifications/notifications')
    .set('Authorization', mockCredentials.user.header(userRef));
  expect(res.status).toBe(200);
  return res.body.notifications as {
    payload: { title: string; scope?: string; link?: string; severity: string };
  }[];
}

beforeAll(async () => {
  ({ server, stop } = await startSampleEstate(databases, {
    features: [notificationsPlugin],
    integratedOps: {
      alerts: { fallbackTeam: 'group:default/incident-command' },
      lookup: {
        refreshSeconds: 1,
        noOwnerEscalation: 'group:default/incident-command',
      },
    },
  }));
});

afterAll(async () => {
  await stop?.();
});

describe('alerts routed by typed ownership', () => {
  it.each([
    ['security', 'secops', 'group:default/soc-tier1'],
    ['network', 'netops', 'group:default/netops-dc'],
  ] as const)(
    'category=%s on 10.20.3.14:8443 reaches %s on call',
    async (category, discipline, team) => {
      const person = await onCallOf(discipline);
      const res = await post(webhook([tlsAlert(category)]));
      expect(res.status).toBe(200);
      const [result] = (res.body as AlertRoutingResponse).results;
      expect(result).toMatchObject({
        outcome: 'routed',
        entity: 'component:default/fraud-scoring-service',
        discipline,
        team,
        onCall: [person],
        notified: [person, team],
      });
      const mine = await notificationsOf(person);
      expect(mine.map(n => n.payload.title)).toContain(
        `TlsHandshakeFailures on Fraud Scoring Service: TLS handshake failures (${category})`,
      );
      const note = mine.find(n => n.payload.scope?.endsWith(`fp-${category}`))!;
      expect(note.payload).toMatchObject({
        severity: 'critical',
        link: `/ops-lookup?q=10.20.3.14%3A8443&incident=${result.incident}`,
      });
    },
  );

  it('updates the notification when the alert repeats or resolves, rather than adding one', async () => {
    const person = await onCallOf('secops');
    await post(webhook([tlsAlert('security')]));
    await post(webhook([tlsAlert('security', 'resolved')]));
    const same = (await notificationsOf(person)).filter(n =>
      n.payload.scope?.endsWith('fp-security'),
    );
    expect(same.map(n => [n.payload.title, n.payload.severity])).toEqual([
      [
        'Resolved: TlsHandshakeFailures on Fraud Scoring Service: TLS handshake failures (security)',
        'low',
      ],
    ]);
  });

  it('sends what matches no entity to the fallback team and counts it for the coverage page', async () => {
    const res = await post({
      labels: { alertname: 'NodeDown', instance: '198.51.100.7:9100' },
      annotations: { summary: 'Node down' },
    });
    expect(res.body.results[0]).toMatchObject({
      outcome: 'fallback',
      team: 'group:default/incident-command',
    });
    const unrouted = await request(server)
      .get('/api/integrated-ops/alerts/unrouted')
      .set('Authorization', mockCredentials.user.header());
    expect(unrouted.status).toBe(200);
    expect(unrouted.body.count).toBeGreaterThanOrEqual(1);
    expect(unrouted.body.recent[0]).toMatchObject({
      labels: { alertname: 'NodeDown', instance: '198.51.100.7:9100' },
      reason: 'no entity matches instance=198.51.100.7:9100',
    });
  });

  it('refuses signed-in users and services not named as senders', async () => {
    expect(
      (
        await post(
          webhook([tlsAlert('security')]),
          mockCredentials.user.header(),
        )
      ).status,
    ).toBe(403);
    const other = mockCredentials.service.header({
      onBehalfOf: mockCredentials.service('plugin:catalog'),
      targetPluginId: 'integrated-ops',
    });
    const res = await post(webhook([tlsAlert('security')]), other);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'plugin:catalog may not post alerts (integratedOps.alerts.senders)',
    );
    const forged = mockCredentials.service.invalidHeader();
    expect((await post(webhook([tlsAlert('security')]), forged)).status).toBe(
      401,
    );
  });

  it('delivers nothing from a malformed batch', async () => {
    const person = await onCallOf('netops');
    const before = (await notificationsOf(person)).length;
    const res = await post({ ...webhook([tlsAlert('network')]), version: '3' });
    expect(res.status).toBe(400);
    const tooMany = await post(
      webhook(Array.from({ length: 10_000 }, () => tlsAlert('network'))),
    );
    expect([400, 413]).toContain(tooMany.status);
    expect((await notificationsOf(person)).length).toBe(before);
  });
});

describe('incidents: each alert fingerprint from firing to resolved, with response times per team', () => {
  const incident = (id: string, auth = mockCredentials.user.header()) =>
    request(server)
      .get(`/api/integrated-ops/incidents/${id}`)
      .set('Authorization', auth);
  const acknowledge = (id: string, auth: string) =>
    request(server)
      .post(`/api/integrated-ops/incidents/${id}/acknowledge`)
      .set('Authorization', auth);
  const response = (query: object = {}) =>
    request(server)
      .get('/api/integrated-ops/incidents/response')
      .query(query)
      .set('Authorization', mockCredentials.user.header());
  const routed = async (alert: object) =>
    ((await post(webhook([alert]))).body as AlertRoutingResponse).results[0];

  it('records firing, repeat, acknowledgement by the on-call person and resolution', async () => {
    const alert = { ...tlsAlert('network'), fingerprint: 'fp-incident-net' };
    const first = await routed(alert);
    expect((await routed(alert)).incident).toBe(first.incident);
    const person = await onCallOf('netops');

    // Someone outside the team may read it, not acknowledge it.
    const raj = mockCredentials.user.header('user:default/raj.patel');
    expect((await incident(first.incident!, raj)).body.canAcknowledge).toBe(
      false,
    );
    expect((await acknowledge(first.incident!, raj)).status).toBe(403);
    const seen = await incident(
      first.incident!,
      mockCredentials.user.header(person),
    );
    expect(seen.body).toMatchObject({
      alerts: 2,
      team: 'group:default/netops-dc',
      discipline: 'netops',
      entityRef: 'component:default/fraud-scoring-service',
      canAcknowledge: true,
    });
    const acked = await acknowledge(
      first.incident!,
      mockCredentials.user.header(person),
    );
    expect(acked.body).toMatchObject({
      acknowledgedBy: person,
      canAcknowledge: false,
    });

    await routed({ ...alert, status: 'resolved' });
    expect((await incident(first.incident!)).body.resolvedAt).toBeDefined();

    const kpis = await response({ days: 1 });
    expect(kpis.status).toBe(200);
    const team = kpis.body.byTeam.find(
      (t: { key: string }) => t.key === 'group:default/netops-dc',
    );
    expect(team).toMatchObject({ discipline: 'netops' });
    expect(team.acknowledged).toBeGreaterThanOrEqual(1);
    expect(team.resolved).toBeGreaterThanOrEqual(1);
  });

  it('counts a second owning team on the same fingerprint as a re-route away from the first', async () => {
    const network = {
      ...tlsAlert('network'),
      fingerprint: 'fp-incident-moved',
    };
    const first = await routed(network);
    const moved = await routed({
      ...tlsAlert('security'),
      fingerprint: 'fp-incident-moved',
    });
    expect(moved.incident).toBe(first.incident);
    expect((await incident(first.incident!)).body).toMatchObject({
      firstTeam: 'group:default/netops-dc',
      team: 'group:default/soc-tier1',
      reroutes: 1,
    });
    const kpis = (await response({ team: 'group:default/netops-dc' })).body;
    expect(kpis.byTeam[0]).toMatchObject({ key: 'group:default/netops-dc' });
    expect(kpis.byTeam[0].reroutedAway).toBeGreaterThanOrEqual(1);
    const csv = await response({ format: 'csv' });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.split('\n')[0]).toBe(
      'scope,key,discipline,incidents,acknowledged,resolved,open,tta_p50_seconds,tta_p90_seconds,ttr_p50_seconds,ttr_p90_seconds,rerouted_away',
    );
    expect(csv.text).toContain('team,group:default/soc-tier1,secops,');
  });

  it('refuses a period past a year and ids that are not incidents', async () => {
    expect((await response({ days: 366 })).status).toBe(400);
    expect((await incident('not-a-number')).status).toBe(400);
    expect((await incident('999999999')).status).toBe(404);
  });
});

describe('paging from a lookup answer (no vendor: a portal notification to acknowledge)', () => {
  const raj = mockCredentials.user.header('user:default/raj.patel');
  const pageNetops = (auth: string, body: object = {}) =>
    request(server)
      .post('/api/integrated-ops/pages')
      .set('Authorization', auth)
      .send({
        entityRef: 'component:default/fraud-scoring-service',
        discipline: 'netops',
        query: '10.20.3.14',
        ...body,
      });

  it('reaches the on-call person, once however many page, and records who acknowledged', async () => {
    const person = await onCallOf('netops');
    const sent = await pageNetops(raj, { note: 'TLS errors at the edge' });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      team: 'group:default/netops-dc',
      route: 'notification',
      state: 'triggered',
      pagedBy: 'user:default/raj.patel',
      notified: [person, 'group:default/netops-dc'],
      canAcknowledge: false,
    });
    const note = (await notificationsOf(person)).find(
      n => n.payload.scope === `integrated-ops.page.${sent.body.id}`,
    );
    expect(note?.payload).toMatchObject({
      title:
        'Paged by Raj Patel: Fraud Scoring Service (NetOps) - TLS errors at the edge',
      severity: 'critical',
      link: `/ops-lookup?page=${sent.body.id}`,
    });

    // A second responder pages the same thing: the open page, not another.
    const again = await pageNetops(
      mockCredentials.user.header('user:default/mia.jensen'),
    );
    expect([again.status, again.body.id, again.body.repeated]).toEqual([
      200,
      sent.body.id,
      true,
    ]);

    // Only the team and whoever is on call acknowledge.
    const byRaj = await request(server)
      .post(`/api/integrated-ops/pages/${sent.body.id}/acknowledge`)
      .set('Authorization', raj);
    expect(byRaj.status).toBe(403);
    const seen = await request(server)
      .get(`/api/integrated-ops/pages/${sent.body.id}`)
      .set('Authorization', mockCredentials.user.header(person));
    expect(seen.body.canAcknowledge).toBe(true);
    const acked = await request(server)
      .post(`/api/integrated-ops/pages/${sent.body.id}/acknowledge`)
      .set('Authorization', mockCredentials.user.header(person));
    expect(acked.body).toMatchObject({
      state: 'acknowledged',
      acknowledgedBy: person,
    });
    const shown = await request(server)
      .get(`/api/integrated-ops/pages/${sent.body.id}`)
      .set('Authorization', raj);
    expect(shown.body).toMatchObject({
      state: 'acknowledged',
      acknowledgedBy: person,
      canAcknowledge: false,
    });
  });

  it('decides the team itself, refuses forged fields, services and unknown pages', async () => {
    const forged = await pageNetops(raj, { team: 'group:default/soc-tier3' });
    expect(forged.status).toBe(400);
    // Control characters (NUL, terminal escapes) are stored as spaces.
    const escaped = await pageNetops(raj, {
      discipline: 'devops',
      note: 'line1\u0000\u001b[31mred',
    });
    expect([escaped.status, escaped.body.note]).toEqual([201, 'line1 [31mred']);
    const unknown = await pageNetops(raj, {
      entityRef: 'component:default/no-such-service',
    });
    expect(unknown.status).toBe(404);
    const service = await pageNetops(
      mockCredentials.service.header({
        onBehalfOf: mockCredentials.service('some-plugin'),
        targetPluginId: 'integrated-ops',
      }),
      { discipline: 'devops' },
    );
    expect(service.status).toBe(403);
    const missing = await request(server)
      .get('/api/integrated-ops/pages/00000000-0000-0000-0000-000000000000')
      .set('Authorization', raj);
    expect(missing.status).toBe(404);
  });

  it('pages the incident escalation for a discipline nobody owns', async () => {
    const res = await request(server)
      .post('/api/integrated-ops/pages')
      .set('Authorization', raj)
      .send({
        entityRef: 'component:default/legacy-batch-scorer',
        discipline: 'netops',
      });
    expect(res.status).toBe(201);
    expect(res.body.team).toBe('group:default/incident-command');
  });

  it('pages the incident escalation for a query that matches nothing, once per query, and never for one that matches', async () => {
    const escalate = (auth: string, body: object) =>
      request(server)
        .post('/api/integrated-ops/pages')
        .set('Authorization', auth)
        .send({ escalation: true, ...body });
    const sent = await escalate(raj, { query: '192.0.2.9' });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      escalation: true,
      entityRef: 'group:default/incident-command',
      team: 'group:default/incident-command',
      query: '192.0.2.9',
      route: 'notification',
      state: 'triggered',
    });
    expect(sent.body.discipline).toBeUndefined();
    const notified = sent.body.notified as string[];
    expect(notified).toContain('group:default/incident-command');
    // The incident commander on call is one of them (a weekly rotation).
    const commander = notified.find(ref => ref.startsWith('user:'))!;
    const note = (await notificationsOf(commander)).find(
      n => n.payload.scope === `integrated-ops.page.${sent.body.id}`,
    );
    expect(note?.payload.title).toBe(
      'Paged by Raj Patel: "192.0.2.9" matched nothing in the catalog - incident escalation',
    );
    // Others page the same unknown address, however written: the open page.
    for (const query of [
      ' 192.0.2.9 ',
      '192.0.2.9:8443',
      'https://192.0.2.9/health',
      '192.0.2.9\u200b',
    ]) {
      const again = await escalate(
        mockCredentials.user.header('user:default/mia.jensen'),
        { query },
      );
      expect([again.status, again.body.id, again.body.repeated]).toEqual([
        200,
        sent.body.id,
        true,
      ]);
    }

    // The backend looks the query up again: one that matches pages its owners.
    const matches = await escalate(raj, { query: '10.20.3.14' });
    expect([matches.status, matches.body.error.message]).toEqual([
      409,
      '"10.20.3.14" matches Fraud Scoring Service in the catalog: page its owners from its answer',
    ]);
    // Forged or half requests: the contract's two shapes only.
    for (const body of [
      {
        query: '192.0.2.10',
        entityRef: 'component:default/fraud-scoring-service',
      },
      { query: '192.0.2.10', discipline: 'netops' },
      { query: '192.0.2.10', team: 'group:default/soc-tier3' },
      { query: '' },
      {},
    ]) {
      expect((await escalate(raj, body)).status).toBe(400);
    }
    expect((await escalate(raj, { query: ' \u0000 ' })).status).toBe(400);
    const notTrue = await request(server)
      .post('/api/integrated-ops/pages')
      .set('Authorization', raj)
      .send({ escalation: false, query: '192.0.2.10' });
    expect(notTrue.status).toBe(400);
  });
});
