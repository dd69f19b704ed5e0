/*
 * Probes of the spec-validated router (found in review of ac208be): inputs the
 * old zod schemas refused that now reach the handlers as 5xx, HEAD requests
 * that skip the spec, and Alertmanager payloads now refused whole.
 */
import request from 'supertest';
import { asAlertmanager, asUser, testApp } from '../__testUtils__/testApp';

jest.setTimeout(120_000);

describe('spec validation (review probes)', () => {
  // ajv-formats "fast" date-time (express-openapi-validator's default) checks
  // only digit shapes: month 19, hour 29, second 60 pass, new Date() of them
  // is Invalid Date, and toISOString()/luxon throw. zod's iso.datetime refused.
  it.each([
    ['/lookup?q=gateway&at=2026-19-01T00:00:00Z'],
    ['/lookup?q=gateway&at=2026-01-01T23:59:60Z'],
    ['/lookup?q=gateway&asOf=2026-01-01T23:59:60Z'],
    ['/blast-radius?entity=gateway&at=2026-19-01T00:00:00Z'],
    ['/teams/on-call?team=netops-edge&at=2026-19-01T00:00:00Z'],
  ])('GET %s is a 400, not a 500', async path => {
    const res = await request(await testApp())
      .get(path)
      .set(asUser);
    expect(res.status).toBe(400);
  });

  it('a batch at a date-time no calendar has is a 400, not a 500', async () => {
    const res = await request(await testApp())
      .post('/lookup/batch')
      .set(asUser)
      .send({ queries: ['gateway'], at: '2026-19-01T00:00:00Z' });
    expect(res.status).toBe(400);
  });

  // Express 4 routes HEAD to the GET handler; the validator finds no `head`
  // operation and (ignoreUndocumented) validates nothing: depth, limit and
  // at reach the handlers as raw strings (history's limit + 1 is "abc1").
  it.each([
    ['/blast-radius?entity=gateway&depth=abc'],
    ['/history?entity=gateway&limit=abc'],
    ['/lookup?q=gateway&at=nope'],
    ['/lookup?q=gateway&unknown=1'],
  ])('HEAD %s is judged by the spec like GET', async path => {
    const res = await request(await testApp())
      .head(path)
      .set(asUser);
    expect(res.status).toBe(400);
  });

  // readAlerts marks an alert with unusable labels invalid and routes the
  // others (alertPayload.test.ts); the spec now refuses the whole webhook.
  it('one alert with a non-string label does not cost the other alerts of the webhook', async () => {
    const sent: unknown[] = [];
    const res = await request(await testApp({ alertNotifications: sent }))
      .post('/alerts/alertmanager')
      .set(asAlertmanager)
      .send({
        version: '4',
        status: 'firing',
        alerts: [
          { labels: { alertname: 'A', instance: 42 } },
          { labels: { alertname: 'B', service: 'gateway' } },
        ],
      });
    expect(res.status).toBe(200);
    // The unreadable alert goes to the incident fallback, saying why; the
    // other is routed on its own.
    expect(res.body.results).toHaveLength(2);
    expect(res.body.results[0].why.join(' ')).toContain(
      'the alert cannot be read: labels.instance must be a string',
    );
    expect(res.body.results[1].why.join(' ')).not.toContain('cannot be read');
  });

  it('the oneOf body names only the problems of the branch that was meant', async () => {
    const res = await request(await testApp({ alertNotifications: [] }))
      .post('/alerts/alertmanager')
      .set(asAlertmanager)
      .send({ version: '3', alerts: [] });
    expect(res.status).toBe(400);
    // Today: 'version: must be one of ; labels: is required'
    expect(res.body.error.message).toContain('"4"');
    expect(res.body.error.message).not.toContain('labels: is required');
  });
});
