/*
 * The search API finds an entity by IP, hostname or name with its three
 * owners on both engines: Lunr (SQLite default) and PostgreSQL full-text
 * search (production config).
 */
import { expect, test } from '@playwright/test';
import { getOnce, guestToken } from '../support/portalApi';

test('search answers an IP, a hostname and a name with the owning entity and its owners', async ({
  request,
}) => {
  test.setTimeout(180_000);
  const token = await guestToken(request);
  const owners = (term: string) => async () => {
    const res = await getOnce(request, '/api/search/query', {
      headers: { Authorization: `Bearer ${token}` },
      params: { term, 'types[0]': 'ops-ownership' },
    });
    if (!res.ok()) return res.status();
    const hit = (await res.json()).results.find(
      (r: any) => r.document.title === 'Fraud Scoring Service',
    );
    return hit?.document.owners;
  };
  const expected = {
    netops: 'group:default/netops-dc',
    devops: 'group:default/sre-payments',
    secops: 'group:default/soc-tier1',
  };
  for (const term of ['10.20.3.14', 'scoring.fraud.bank.internal', 'scoring']) {
    await expect
      .poll(owners(term), { timeout: 150_000, intervals: [3_000] })
      .toEqual(expected);
  }
});
