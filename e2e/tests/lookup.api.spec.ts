/*
 * The incident lookup answers on the running portal: an IP from the sample
 * estate resolves to its component and three owners with on-call people.
 */
import { test, expect } from '@playwright/test';
import { guestToken } from '../support/portalApi';

test('looking up a sample IP names the component, its three owners and who is on call', async ({
  request,
}) => {
  const token = await guestToken(request);
  let body: any;
  await expect
    .poll(
      async () => {
        const response = await request.get('/api/integrated-ops/lookup', {
          headers: { Authorization: `Bearer ${token}` },
          params: { q: '10.20.3.14' },
        });
        body = await response.json();
        const owners = body.matches?.[0]?.answer?.owners;
        return (
          owners &&
          [owners.netops, owners.devops, owners.secops].map(
            (o: any) => `${o.source} ${o.team?.ref}`,
          )
        );
      },
      { timeout: 120_000, intervals: [2_000] },
    )
    .toEqual([
      'declared group:default/netops-dc',
      'inherited group:default/sre-payments',
      'inherited group:default/soc-tier1',
    ]);
  expect(body.matches[0].entityRef).toBe(
    'component:default/fraud-scoring-service',
  );
  expect(body.matches[0].answer.owners.secops.onCall[0].person.name).toEqual(
    expect.any(String),
  );
  expect(body.index.stale).toBe(false);
});

test('the lookup refuses an unauthenticated caller', async ({ request }) => {
  const response = await request.get('/api/integrated-ops/lookup', {
    params: { q: '10.20.3.14' },
  });
  expect(response.status()).toBe(401);
});
