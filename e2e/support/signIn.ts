import { expect, Page } from '@playwright/test';

/**
 * Guest sign-in from the start page. Waits for the session rather than for
 * the sidebar, which is a bottom bar on a phone.
 */
export async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page.getByRole('button', { name: 'Enter' })).toHaveCount(0);
}
