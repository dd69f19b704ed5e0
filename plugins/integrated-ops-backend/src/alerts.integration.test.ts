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
        link: '/ops-lookup?q=10.20.3.14%3A8443',
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
