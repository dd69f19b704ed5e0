/*
 * The lookup routes, fed hundreds of generated query values by a signed-in
 * user (huge strings, NUL bytes, arrays, unicode, shapes close to addresses
 * and refs): always a success or a 4xx with a message, never a 5xx.
 */
import fc from 'fast-check';
import request from 'supertest';
import { asAlertmanager, asUser, testApp } from '../__testUtils__/testApp';

const queryValue = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom(
    '\u0000',
    '[::1]:8443',
    '10.20.1.10:99999',
    '1.2.3.4/99',
    'http://',
    '-1',
    '1e9',
  ),
  fc.nat({ max: 9_000 }).map(n => 'x'.repeat(n)),
  fc.array(fc.string(), { maxLength: 3 }),
);

describe('lookup routes under fuzzing', () => {
  it.each([
    ['/lookup', 'q'],
    ['/lookup', 'at'],
    ['/blast-radius', 'entity'],
    ['/blast-radius', 'depth'],
    ['/coverage', 'format'],
  ])('GET %s?%s= answers every value clearly', async (path, param) => {
    const app = await testApp();
    await fc.assert(
      fc.asyncProperty(queryValue, async value => {
        const res = await request(app)
          .get(path)
          .query({ q: 'gateway', entity: 'gateway', [param]: value })
          .set(asUser);
        expect(res.status).toBeLessThan(500);
        expect(
          res.status < 400 || typeof res.body?.error?.message === 'string',
        ).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

const labelValue = fc.oneof(
  fc.string(),
  queryValue,
  fc.constantFrom('10.20.1.10:8443', '[::1]:8443', 'api.pay.example.', ''),
  fc.jsonValue(),
);
const alertBody = fc.oneof(
  fc.jsonValue(),
  fc.record({ labels: fc.dictionary(fc.string(), labelValue) }),
  fc.record({
    version: fc.oneof(fc.constant('4'), fc.jsonValue()),
    status: fc.jsonValue(),
    alerts: fc.oneof(
      fc.jsonValue(),
      fc.array(
        fc.record({
          status: fc.constantFrom('firing', 'resolved', 'x'),
          labels: fc.oneof(
            fc.dictionary(fc.string(), labelValue),
            fc.jsonValue(),
          ),
          annotations: fc.jsonValue(),
          fingerprint: fc.jsonValue(),
        }),
        { maxLength: 20 },
      ),
    ),
  }),
);

describe('alert route under fuzzing', () => {
  it('POST /alerts/alertmanager answers every body clearly and never half-delivers', async () => {
    const sent: unknown[] = [];
    const app = await testApp({ alertNotifications: sent });
    await fc.assert(
      fc.asyncProperty(alertBody, async body => {
        const before = sent.length;
        const res = await request(app)
          .post('/alerts/alertmanager')
          .set(asAlertmanager)
          .set('Content-Type', 'application/json')
          .send(JSON.stringify(body));
        expect(res.status).toBeLessThan(500);
        const failed = res.status >= 400;
        // A refusal says why and delivers nothing; an answer accounts for every alert.
        expect(failed ? typeof res.body?.error?.message : 'answered').toBe(
          failed ? 'string' : 'answered',
        );
        expect(failed ? sent.length : before).toBe(before);
        expect(failed || res.body.results.length === res.body.received).toBe(
          true,
        );
      }),
      { numRuns: 200 },
    );
  });
});
