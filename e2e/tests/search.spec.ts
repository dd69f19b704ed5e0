/*
 * The portal's search bar finds an entity by its IP, its hostname or a word
 * of its name, with its three owners, and links to the lookup's answer (the
 * ops-ownership documents of search-backend-module-integrated-ops, on the
 * in-memory engine), in a dialog without serious axe violations; the search
 * page for an address offers the lookup first.
 */
import { APIRequestContext, expect, test } from '@playwright/test';
import { getOnce, guestToken } from '../support/portalApi';
import { signInAsGuest } from '../support/signIn';
import { expectNoSeriousA11yViolations } from '../support/axe';

/** Waits until the search index (built on a schedule) answers `term` with what `pick` reads. */
async function whenIndexed(
  request: APIRequestContext,
  params: Record<string, string>,
  pick: (results: any[]) => unknown,
  expected: (a: ReturnType<typeof expect.poll>) => Promise<void>,
) {
  const token = await guestToken(request);
  await expected(
    expect.poll(
      async () => {
        const res = await getOnce(request, '/api/search/query', {
          headers: { Authorization: `Bearer ${token}` },
          params,
        });
        return res.ok() ? pick((await res.json()).results) : res.status();
      },
      { timeout: 150_000, intervals: [3_000] },
    ),
  );
}

test('typing an IP, a hostname or a name in the search bar shows the owners', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  // Indexed once the catalog has stitched the inherited owners.
  await whenIndexed(
    request,
    { term: '10.20.3.14', 'types[0]': 'ops-ownership' },
    results =>
      results.find(r => r.document.title === 'Fraud Scoring Service')?.document
        .owners.secops,
    poll => poll.toBe('group:default/soc-tier1'),
  );

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
  // The dialog is named by its heading and modal itself (the stock one
  // was neither).
  await expect(page.getByRole('dialog', { name: 'Search' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: 'e2e-screenshots/search-owners.png' });
  await page
    .getByRole('link', { name: 'Fraud Scoring Service' })
    .first()
    .click();
  await expect(page).toHaveURL(
    /\/ops-lookup\?q=component%3Adefault%2Ffraud-scoring-service$/,
  );
});

test('the search page for an address offers the lookup first and lists only what holds the address', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  await whenIndexed(
    request,
    { term: '10.20.3.14' },
    results => results.map(r => r.document.title),
    poll => poll.toContain('Fraud Scoring Service'),
  );

  await signInAsGuest(page);
  await page.goto('/search?query=10.20.3.14');
  const offer = page.getByRole('link', {
    name: 'Who owns 10.20.3.14? Open the incident lookup',
  });
  await expect(offer).toHaveAttribute('href', '/ops-lookup?q=10.20.3.14');
  await expect(page.getByLabel('Owners of Fraud Scoring Service')).toHaveText(
    'NetOps: netops-dc · DevOps: sre-payments · SecOps: soc-tier1',
  );
  // The offer is the first result; the edit-distance look-alikes are gone.
  const service = page.getByRole('link', { name: 'Fraud Scoring Service' });
  const [offerBox, serviceBox] = [
    await offer.boundingBox(),
    await service.boundingBox(),
  ];
  expect(offerBox!.y).toBeLessThan(serviceBox!.y);
  await expect(page.getByRole('link', { name: /SOC Tier 3/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /Fraud Cases DB/ })).toHaveCount(
    0,
  );
  await page.screenshot({ path: 'e2e-screenshots/search-address.png' });

  await offer.click();
  await expect(page).toHaveURL(/\/ops-lookup\?q=10\.20\.3\.14$/);
  await expect(
    page.getByRole('heading', { name: /Fraud Scoring Service/ }).first(),
  ).toBeVisible({ timeout: 30_000 });
});
