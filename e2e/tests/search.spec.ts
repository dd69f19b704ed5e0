/*
 * The portal's search bar finds an entity by its IP, its hostname or a word
 * of its name, with its three owners, and links to the lookup's answer (the
 * ops-ownership documents of search-backend-module-integrated-ops, on the
 * default Lunr engine).
 */
import { expect, test } from '@playwright/test';
import { getOnce, guestToken } from '../support/portalApi';
import { signInAsGuest } from '../support/signIn';

test('typing an IP, a hostname or a name in the search bar shows the owners', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  // The index is built on a schedule once the catalog has the estate.
  const token = await guestToken(request);
  await expect
    .poll(
      async () => {
        const res = await getOnce(request, '/api/search/query', {
          headers: { Authorization: `Bearer ${token}` },
          params: { term: '10.20.3.14', 'types[0]': 'ops-ownership' },
        });
        // Indexed once the catalog has stitched the inherited owners.
        return res.ok()
          ? (await res.json()).results.find(
              (r: any) => r.document.title === 'Fraud Scoring Service',
            )?.document.owners.secops
          : res.status();
      },
      { timeout: 150_000, intervals: [3_000] },
    )
    .toBe('group:default/soc-tier1');

  await signInAsGuest(page);
  for (const term of ['10.20.3.14', 'scoring.fraud.bank.internal', 'scoring']) {
    await page.goto('/');
    // Home has settled (its lookup box shown) before the search opens.
    await expect(
      page.getByRole('textbox', {
        name: 'Who owns it? Name, hostname, URL or IP',
      }),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Search' }).first().click();
    await expect(
      page.getByRole('dialog').getByRole('textbox', { name: 'Search' }),
    ).toBeFocused();
    await page.keyboard.type(term);
    const owners = page.getByLabel('Owners of Fraud Scoring Service');
    await expect(owners).toHaveText(
      'NetOps: netops-dc · DevOps: sre-payments · SecOps: soc-tier1',
    );
  }
  await page.screenshot({ path: 'e2e-screenshots/search-owners.png' });
  await page
    .getByRole('link', { name: 'Fraud Scoring Service' })
    .first()
    .click();
  await expect(page).toHaveURL(
    /\/ops-lookup\?q=component%3Adefault%2Ffraud-scoring-service$/,
  );
});
