/*
 * Ownership over time in the browser: the owners card shows since when each
 * owner owns the entity and its owner changes (the history starts when the
 * portal first indexes the catalog); the lookup page answers as of a moment.
 * (The API side, on both backends: history.api.spec.ts.)
 */
import { expect, test } from '@playwright/test';
import {
  guestToken,
  waitForEntities,
  waitForTypedOwners,
} from '../support/portalApi';
import { sampleEntityRefs } from '../support/sampleCatalog';
import { signInAsGuest } from '../support/signIn';

test.beforeAll(async ({ request }) => {
  const token = await guestToken(request);
  await waitForEntities(request, token, sampleEntityRefs());
  await waitForTypedOwners(request, token);
});

test('the owners card shows owner since and the owner changes; the lookup page answers as of a moment', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/fraud-scoring-service');
  const netops = page.getByRole('region', { name: 'NetOps owner' });
  await expect(netops).toContainText('owner since');
  const changes = page.getByRole('region', { name: 'Owner changes' });
  await expect(changes).toContainText('NetOps: first recorded as');
  await expect(changes).toContainText('Ownership history since');

  const when = new Date().toISOString();
  await page.goto(`/ops-lookup?q=10.20.3.14&asOf=${encodeURIComponent(when)}`);
  // The answer's heading, not the form's "As of (optional)" field label.
  await expect(page.getByRole('heading', { name: /^As of / })).toBeVisible();
  await expect(
    page.getByText('Owners, teams and on-call as they were then', {
      exact: false,
    }),
  ).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Change requests by then' }),
  ).toBeVisible();
  await expect(
    page.getByRole('textbox', { name: 'As of (optional)' }),
  ).not.toHaveValue('');
});
