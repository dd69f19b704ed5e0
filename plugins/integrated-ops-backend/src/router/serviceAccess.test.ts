/*
 * Which services may call what: the alert senders (integratedOps.alerts.senders)
 * post alerts and nothing else; the portal's other plugins keep what they
 * use (ops-requests asks GET /teams/on-call as itself, and GET /kpis/lookups
 * on a user's behalf).
 */
import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import {
  asAlertmanager,
  asPlugin,
  asUser,
  testApp,
} from '../__testUtils__/testApp';

const alert = {
  labels: { alertname: 'EdgeDown', instance: '10.20.1.10:8443' },
  annotations: { summary: 'Edge down' },
};

const appWithAlerts = () => testApp({ alertNotifications: [] });

describe('an alert sender', () => {
  it.each([
    ['GET', '/lookup', { q: '10.20.1.10' }],
    ['POST', '/lookup/batch', { queries: ['10.20.1.10'] }],
    ['GET', '/blast-radius', { entity: 'kafka' }],
    ['GET', '/coverage', {}],
    ['GET', '/teams/on-call', { team: 'soc-t1' }],
    ['GET', '/index-status', {}],
    ['GET', '/history', { entity: 'component:default/gateway' }],
    ['GET', '/kpis/lookups', { from: '2026-01-01', to: '2026-01-02' }],
  ])('gets 403 on %s %s', async (method, path, input) => {
    const app = await appWithAlerts();
    const res = await (method === 'GET'
      ? request(app).get(path).query(input)
      : request(app).post(path).send(input)
    ).set(asAlertmanager);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'alertmanager is an alert sender (integratedOps.alerts.senders): it may post alerts and nothing else',
    );
  });

  it('posts alerts', async () => {
    const res = await request(await appWithAlerts())
      .post('/alerts/alertmanager')
      .set(asAlertmanager)
      .send(alert);
    expect(res.status).toBe(200);
    expect(res.body.results[0].outcome).toBe('routed');
  });

  it('is refused the alert route when its token is not allowed integrated-ops.alert.create', async () => {
    // As Backstage decides for a token whose accessRestrictions name other permissions.
    const permissions = mockServices.permissions.mock({
      authorize: async () => [{ result: AuthorizeResult.DENY }],
    });
    const sent: unknown[] = [];
    const res = await request(
      await testApp({ alertNotifications: sent, permissions }),
    )
      .post('/alerts/alertmanager')
      .set(asAlertmanager)
      .send(alert);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'Not allowed: integrated-ops.alert.create',
    );
    expect(sent).toEqual([]);
  });
});

describe("the portal's other plugins", () => {
  it('ask who is on call as themselves (ops-requests, break-glass)', async () => {
    const res = await request(await appWithAlerts())
      .get('/teams/on-call')
      .query({ team: 'group:default/soc-t1' })
      .set(asPlugin('ops-requests'));
    expect(res.status).toBe(200);
    expect(res.body.team.ref).toBe('group:default/soc-t1');
  });

  it('look up and read the KPIs', async () => {
    const app = await appWithAlerts();
    const lookup = await request(app)
      .get('/lookup')
      .query({ q: '10.20.1.10' })
      .set(asPlugin('ops-requests'));
    expect(lookup.status).toBe(200);
    const kpis = await request(app)
      .get('/kpis/lookups')
      .query({ from: '2026-01-01', to: '2026-01-02' })
      .set(asPlugin('ops-requests'));
    expect(kpis.status).toBe(200);
  });

  it('may not post alerts, nor may users', async () => {
    const app = await appWithAlerts();
    for (const caller of [asPlugin('ops-requests'), asUser]) {
      const res = await request(app)
        .post('/alerts/alertmanager')
        .set(caller)
        .send(alert);
      expect(res.status).toBe(403);
    }
  });
});
