/*
 * Production sign-in in the browser: the production-config backend (on
 * PostgreSQL) signs people in through a local OpenID Connect provider
 * (e2e/oidc/identityProvider.mjs, the `oidc-provider` package) whose people
 * are the sample org. A person is the catalog user whose profile email
 * matches; someone no catalog user matches is refused with a message saying
 * so. No guest button: guest sign-in is for the embedded default only.
 */
import { expect, Page, test } from '@playwright/test';

async function signInThroughProvider(page: Page, login: string) {
  await page.goto('/');
  await expect(page.getByText('Company SSO')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Enter' })).toHaveCount(0);
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByRole('button', { name: 'Sign In' }).click(),
  ]);
  await popup.locator('input[name="login"]').fill(login);
  await popup.locator('input[name="password"]').fill('any password');
  await popup.locator('button[type="submit"]').click();
}

test('a person of the sample org signs in through the identity provider as their catalog user', async ({
  page,
}) => {
  await signInThroughProvider(page, 'omar.haddad');
  await expect(
    page.getByRole('link', { name: 'Change requests' }),
  ).toBeVisible();
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByText('omar.haddad@bank.example')).toBeVisible();
  // The catalog user, and through it the team: what approvals are checked against.
  await expect(page.getByText('User Entity:')).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'NetOps Data Centre Fabric' }),
  ).toBeVisible();
  // A reload keeps the session (refreshed from the provider, no new sign-in).
  await page.reload();
  await expect(
    page.getByRole('link', { name: 'Change requests' }),
  ).toBeVisible();
});

test('someone no catalog user matches is refused, and told why', async ({
  page,
}) => {
  await signInThroughProvider(page, 'stranger');
  await expect(
    page.getByText(/unable to resolve user identity/i).first(),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'Change requests' })).toHaveCount(
    0,
  );
});
