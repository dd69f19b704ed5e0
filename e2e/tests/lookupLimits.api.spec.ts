/*
 * The lookup's limits on the running portal (both backends): what a batch
 * may cost is decided before it runs, a single lookup keeps answering while
 * the largest allowed batch is answered, and Alertmanager's token may post
 * alerts but read nothing.
 */
import { expect, test } from '@playwright/test';
import { guestToken, waitForLookup } from '../support/portalApi';

const ALERTMANAGER_TOKEN = 'e2e-alertmanager-token-5f1c0a7e';
/** The sample IP: the fraud scoring service and everything else in seg-pci-app. */
const BUSY_IP = '10.20.3.14';
/** A batch's answered results stay within 10 MB; the queries not answered are echoed back. */
const MAX_BATCH_BODY_BYTES = 10_500_000;

test.describe.configure({ timeout: 180_000 });

test.beforeAll(async ({ request }) => {
  await waitForLookup(
    request,
    BUSY_IP,
    match => match.entityRef,
    'component:default/fraud-scoring-service',
  );
});

/** A single lookup of the busy IP, timed. */
async function timedLookup(
  request: Parameters<typeof guestToken>[0],
  token: string,
) {
  const started = Date.now();
  const response = await request.get('/api/integrated-ops/lookup', {
    headers: { Authorization: `Bearer ${token}` },
    params: { q: BUSY_IP },
  });
  const ms = Date.now() - started;
  expect(response.status(), await response.text()).toBe(200);
  const body = await response.json();
  expect(body.matches[0].entityRef).toBe(
    'component:default/fraud-scoring-service',
  );
  return ms;
}

test('1,000 lookups in full are refused with a 400 naming the limit, and a lookup beside them answers', async ({
  request,
}) => {
  const token = await guestToken(request);
  const [batch, singleMs] = await Promise.all([
    request.post('/api/integrated-ops/lookup/batch', {
      headers: { Authorization: `Bearer ${token}` },
      data: { queries: Array(1000).fill(BUSY_IP), detail: 'full' },
    }),
    timedLookup(request, token),
  ]);
  expect(batch.status()).toBe(400);
  expect((await batch.json()).error.message).toContain(
    'detail: "full" is allowed for at most 20 queries per batch, got 1000',
  );
  expect(singleMs).toBeLessThan(5_000);
});

test('the largest allowed batch of a busy IP stays under 10.5 MB, and lookups beside it keep answering', async ({
  request,
}) => {
  const token = await guestToken(request);
  const batch = request.post('/api/integrated-ops/lookup/batch', {
    headers: { Authorization: `Bearer ${token}` },
    data: { queries: Array(1000).fill(BUSY_IP) },
  });
  const singles: number[] = [];
  for (let i = 0; i < 5; i++) singles.push(await timedLookup(request, token));
  const response = await batch;
  expect(response.status()).toBe(200);
  const raw = await response.body();
  expect(raw.length).toBeLessThan(MAX_BATCH_BODY_BYTES);
  const body = JSON.parse(raw.toString('utf8'));
  expect(body.limits).toMatchObject({
    maxQueries: 1000,
    maxFullQueries: 20,
    maxMatches: 20,
    budgetBytes: 10_000_000,
  });
  expect(body.results).toHaveLength(1000);
  expect(body.answeredBytes).toBeLessThanOrEqual(10_000_000);
  const answered = body.results.filter((r: any) => !r.skipped);
  expect(answered).toHaveLength(body.answered);
  expect(body.truncated).toBe(body.answered < 1000);
  for (const result of answered) {
    expect(result.matches.length).toBeLessThanOrEqual(20);
    expect(result.totalMatches).toBeGreaterThanOrEqual(result.matches.length);
  }
  expect(Math.max(...singles)).toBeLessThan(5_000);

  // Every match in full is allowed for 20 queries.
  const full = await request.post('/api/integrated-ops/lookup/batch', {
    headers: { Authorization: `Bearer ${token}` },
    data: { queries: Array(20).fill(BUSY_IP), detail: 'full' },
  });
  expect(full.status()).toBe(200);
  expect((await full.json()).answered).toBe(20);
});

test("Alertmanager's token is refused the lookups and may only post alerts", async ({
  request,
}) => {
  const headers = { Authorization: `Bearer ${ALERTMANAGER_TOKEN}` };
  for (const [path, params] of [
    ['/api/integrated-ops/lookup', { q: BUSY_IP }],
    ['/api/integrated-ops/blast-radius', { entity: 'fraud-scoring-service' }],
    ['/api/integrated-ops/coverage', {}],
    ['/api/integrated-ops/teams/on-call', { team: 'group:default/soc-tier1' }],
  ] as const) {
    const response = await request.get(path, { headers, params });
    expect(response.status(), path).toBe(403);
  }
  const batch = await request.post('/api/integrated-ops/lookup/batch', {
    headers,
    data: { queries: [BUSY_IP] },
  });
  expect(batch.status()).toBe(403);
  // The alert route lets it in: a payload that is no alert is read (and
  // refused as such, 400), so nothing is delivered to anyone.
  const alert = await request.post('/api/integrated-ops/alerts/alertmanager', {
    headers,
    data: { version: '3', alerts: [] },
  });
  expect(alert.status(), await alert.text()).toBe(400);
});
