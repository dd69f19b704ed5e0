/*
 * The New service template in the browser, through the real scaffolder: the
 * ops owners are pre-filled from the System, one is changed, the task runs,
 * and the new component's page shows the chosen and the inherited owners.
 */
import { expect, test } from '@playwright/test';
import { pick } from '../support/signIn';
import { expectNoSeriousA11yViolations } from '../support/axe';
import {
  getOnce,
  guestToken,
  waitForEntities,
  waitForTypedOwners,
} from '../support/portalApi';
import { sampleEntityRefs } from '../support/sampleCatalog';

const shots = 'e2e-screenshots';

test('create a service with owners pre-filled from its System', async ({
  page,
  request,
}) => {
  test.setTimeout(150_000);
  const token = await guestToken(request);
  await waitForEntities(request, token, sampleEntityRefs());
  await waitForTypedOwners(request, token);

  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await page.getByRole('link', { name: 'Create' }).first().click();
  await expect(
    page.getByRole('heading', { name: 'Request network access' }),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', { name: 'Apply security controls' }),
  ).toBeVisible();
  // The whole Create page: its sections are links, each template card names
  // its Choose button after the template.
  await expect(
    page
      .getByRole('navigation', { name: 'Create sections' })
      .getByRole('link', { name: 'Templates' }),
  ).toHaveAttribute('aria-current', 'page');
  await expect(
    page.getByRole('heading', { name: 'New service', level: 3 }),
  ).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: `${shots}/create-page.png`, fullPage: true });
  await page.getByRole('button', { name: 'Choose New service' }).click();
  await expect(page).toHaveURL(/\/create\/templates\/default\/new-service$/);

  // The form renders its fields once the template has loaded; fill after.
  await expect(page.getByRole('combobox', { name: /^System/ })).toBeVisible();
  await page.getByLabel('Name').fill('card-dispute-service');
  await expect(page.getByLabel('Name')).toHaveValue('card-dispute-service');
  await page.getByLabel('Description').fill('Handles card disputes');
  // Found by its name, as people call it; chosen by its title.
  await pick(page, 'System', 'fraud-detection', 'Fraud Detection');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();

  // Pre-filled from system:default/fraud-detection.
  await expect(page.getByLabel('NetOps owner')).toHaveText(
    'NetOps Data Centre Fabric',
  );
  await expect(page.getByLabel('DevOps owner')).toHaveText('SRE Payments');
  await expect(page.getByLabel('SecOps owner')).toHaveText('SOC Tier 1');
  await page.getByLabel('DevOps owner').click();
  await page.getByRole('option', { name: 'Platform Delivery' }).click();
  await expect(page.getByText('chosen here')).toBeVisible();
  await page.screenshot({
    path: 'e2e-screenshots/new-service-owners.png',
    fullPage: true,
  });
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  await expect(
    page.getByRole('link', { name: 'Open in catalog' }),
  ).toHaveAttribute('href', '/catalog/default/component/card-dispute-service', {
    timeout: 60_000,
  });
  // The template's output says which policy judged it (the task log, when
  // shown, says so too).
  await expect(
    page
      .getByTestId('text-output-box')
      .getByText(/Policy \*?\*?northbridge-change-policy/),
  ).toBeVisible();
  await page.screenshot({
    path: 'e2e-screenshots/new-service-task.png',
    fullPage: true,
  });

  // The catalog registers it on its next pass; its page leads with the owners.
  await expect
    .poll(
      async () =>
        (
          await getOnce(
            request,
            '/api/catalog/entities/by-name/component/default/card-dispute-service',
            { headers: { Authorization: `Bearer ${token}` } },
          )
        ).status(),
      { timeout: 60_000, intervals: [1_000] },
    )
    .toBe(200);
  await page.goto('/catalog/default/component/card-dispute-service');
  const devops = page.getByRole('region', { name: 'DevOps owner' });
  await expect(
    devops.getByRole('link', { name: 'Platform Delivery' }).first(),
  ).toBeVisible({
    timeout: 60_000,
  });
  await expect(devops.getByText('declared', { exact: true })).toBeVisible();
  const netops = page.getByRole('region', { name: 'NetOps owner' });
  await expect(netops.getByText('inherited', { exact: true })).toBeVisible();
});
