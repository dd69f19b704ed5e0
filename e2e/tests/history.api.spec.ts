/*
 * Ownership over time through the running portal's API (SQLite and
 * PostgreSQL backends): the history starts when the portal first indexes the catalog;
 * an as-of lookup answers with the owners then and the change requests filed
 * by then (read from the ops-requests plugin as the caller); before the
 * history starts it says it does not know. The owners card shows since when
 * each owner owns the entity and its owner changes.
 */
import { expect, test } from '@playwright/test';
import {
  guestToken,
  waitForEntities,
  waitForTypedOwners,
} from '../support/portalApi';
import { sampleEntityRefs } from '../support/sampleCatalog';

let token: string;
const auth = () => ({ Authorization: `Bearer ${token}` });
const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test.beforeAll(async ({ request }) => {
  token = await guestToken(request);
  await waitForEntities(request, token, sampleEntityRefs());
  await waitForTypedOwners(request, token);
});

test('an as-of lookup answers with the owners then and the change requests by then', async ({
  request,
}) => {
  const filed = await request.post('/api/ops-requests/requests', {
    headers: auth(),
    data: {
      kind: 'network-access',
      source: 'component:default/payments-web',
      destination: 'resource:default/fraud-cases-db',
      ports: '5432/tcp',
      justification: 'Checkout reads open fraud cases (history e2e)',
      expiresAt: inDays(10),
    },
  });
  expect(filed.status(), await filed.text()).toBe(201);
  const { id } = await filed.json();

  const asOf = (when: string) =>
    request.get('/api/integrated-ops/lookup', {
      headers: auth(),
      params: { q: 'resource:default/fraud-cases-db', asOf: when },
    });
  // The history is written as the index takes the catalog in, and the
  // request reaches it by an event (ops-requests tells the lookup).
  await expect
    .poll(
      async () => {
        const r = await asOf(new Date().toISOString());
        if (!r.ok()) return r.status();
        const history = (await r.json()).matches[0]?.answer?.history;
        return (
          history?.known === true &&
          history.changes.some((c: { id: string }) => c.id === id)
        );
      },
      { timeout: 60_000, intervals: [1_000] },
    )
    .toBe(true);
  const now = await (await asOf(new Date().toISOString())).json();
  const { answer } = now.matches[0];
  expect(answer.owners.netops.ownerRef).toBe('group:default/netops-dc');
  expect(answer.owners.secops.ownerRef).toBe('group:default/soc-tier1');
  expect(answer.owners.netops.onCall.length).toBeGreaterThan(0);
  expect(answer.history.changes).toContainEqual(
    expect.objectContaining({
      id,
      requestedBy: 'user:default/guest',
      state: 'pending',
    }),
  );

  // Before the portal ever ran: said, not guessed.
  const before = await (await asOf('2020-01-01T00:00:00Z')).json();
  expect(before.matches[0].answer.history.known).toBe(false);
  expect(before.matches[0].answer.owners.netops.source).toBe('missing');
  expect(before.matches[0].answer.history.changes).toEqual([]);

  const future = await asOf(new Date(Date.now() + 86_400_000).toISOString());
  expect(future.status()).toBe(400);
});
