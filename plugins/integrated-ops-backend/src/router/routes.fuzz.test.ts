/*
 * The lookup routes, fed hundreds of generated query values by a signed-in
 * user (huge strings, NUL bytes, arrays, unicode, shapes close to addresses
 * and refs): always a success or a 4xx with a message, never a 5xx.
 */
import fc from 'fast-check';
import request from 'supertest';
import { asUser, testApp } from '../__testUtils__/testApp';

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
