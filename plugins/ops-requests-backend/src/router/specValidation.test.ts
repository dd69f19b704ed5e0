/*
 * Review probes of the spec-validated router (commit 2b034cc): inputs the
 * old zod schemas refused that now reach the handlers, and 5xx answers.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { startRequestsPortal } from '../__testUtils__/requestsPortal';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const asRaj = {
  Authorization: mockCredentials.user.header('user:default/raj'),
};
const base = '/api/ops-requests';

describe('spec validation (review probes)', () => {
  let portal: Awaited<ReturnType<typeof startRequestsPortal>>;
  beforeAll(async () => {
    portal = await startRequestsPortal(await databases.init('SQLITE_3'));
  });
  afterAll(() => portal.stop());

  // ajv-formats "fast" date-time (express-openapi-validator's default) only
  // checks digit shapes: month 19, hour 29, second 60 pass; new Date() of
  // them is Invalid Date and toISOString() throws. zod's iso.datetime refused.
  it.each([
    ['/requests?before=2026-19-01T00:00:00Z'],
    ['/requests?before=2026-01-01T23:59:60Z'],
    ['/kpis?to=2026-19-01T00:00:00Z'],
    ['/kpis?from=2026-01-01T29:00:00Z'],
    ['/calendar?from=2026-19-01T00:00:00Z'],
    ['/calendar?to=2026-01-01T23:59:60Z'],
    ['/calendar.ics?from=2026-00-00T00:00:00Z'],
  ])(
    'GET %s with a date-time no calendar has is a 400, not a 500',
    async path => {
      const res = await request(portal.server)
        .get(base + path)
        .set(asRaj);
      expect(res.status).toBe(400);
    },
  );

  // Express 4 routes HEAD to the GET handler; the validator finds no `head`
  // operation in the spec and, with ignoreUndocumented, lets it through.
  it.each([
    ['/requests?view=everything'],
    ['/requests?before=not-a-date'],
    ['/requests?unknown=1'],
    ['/kpis?format=xml&from=nope'],
  ])('HEAD %s is judged by the spec like GET', async path => {
    const res = await request(portal.server)
      .head(base + path)
      .set(asRaj);
    expect(res.status).toBe(400);
  });

  // The spec's approve/confirm requestBody is optional (the old route read
  // `req.body ?? {}`), yet a POST without a body is refused with
  // "(body): a JSON body is required (Content-Type: application/json)".
  it('an approve with no body at all reaches the handler (404 for an unknown id), as the spec says the body is optional', async () => {
    const res = await request(portal.server)
      .post(`${base}/requests/nope/approve`)
      .set(asRaj);
    expect(res.status).toBe(404);
  });
});
