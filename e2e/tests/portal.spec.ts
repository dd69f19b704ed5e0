/*
 * Smoke test of the built portal: sign in as guest, open the catalog, open a
 * sample component. Screenshots land in e2e-screenshots/ (gitignored).
 */
import { test, expect } from '@playwright/test';
import { sampleEntityRefs } from '../support/sampleCatalog';
import { guestToken, waitForEntities } from '../support/portalApi';

const shots = 'e2e-screenshots';

test('guest signs in, browses the catalog and opens a sample component', async ({
  page,
  request,
}) => {
  await waitForEntities(request, await guestToken(request), sampleEntityRefs());

  await page.goto('/');
  await expect(page.getByText('Enter as a Guest User.')).toBeVisible();
  await page.getByRole('button', { name: 'Enter' }).click();
  // Sign-in lands on Home (the lookup box); the catalog is a click away.
  await expect(
    page.getByRole('textbox', {
      name: 'Who owns it? Name, hostname, URL or IP',
    }),
  ).toBeVisible();
  await page.getByRole('link', { name: 'Catalog' }).first().click();

  const gatewayLink = page.getByRole('link', {
    name: 'Edge Transaction Gateway',
  });
  // The guest is a member of Payments Edge: the catalog opens on what the
  // team owns; "All" shows the rest of the estate.
  await expect(gatewayLink).toBeVisible();
  await expect(page.getByText('Owned Components (2)')).toBeVisible();
  await page.getByRole('menuitem', { name: /^All/ }).click();
  await expect(
    page.getByRole('link', { name: 'Fraud Scoring Service' }),
  ).toBeVisible();
  await page.screenshot({ path: `${shots}/catalog.png`, fullPage: true });

  await gatewayLink.click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/edge-transaction-gateway/,
  );
  await expect(
    page.getByText('Terminates card-network and API traffic').first(),
  ).toBeVisible();
  await page.screenshot({
    path: `${shots}/component-page.png`,
    fullPage: true,
  });
});
