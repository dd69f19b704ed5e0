/*
 * The change calendar in the browser: a network access planned for a later
 * time appears on its day, beside the policy's month-end freeze of the core
 * network (which recurs every month, so it is always within the next 30
 * days); the iCalendar download holds the same.
 */
import { expect, test } from '@playwright/test';
import {
  guestToken,
  waitForEntities,
  waitForTypedOwners,
} from '../support/portalApi';
import { sampleEntityRefs } from '../support/sampleCatalog';
import { signInAsGuest } from '../support/signIn';

test('the calendar shows the core network freeze and a planned change', async ({
  page,
  request,
}) => {
  const token = await guestToken(request);
  await waitForEntities(request, token, sampleEntityRefs());
  await waitForTypedOwners(request, token);
  // Planned three days ahead, at 21:00 UTC.
  const applyAt = new Date(Date.now() + 3 * 86_400_000);
  applyAt.setUTCHours(21, 0, 0, 0);
  const filed = await request.post('/api/ops-requests/requests', {
    headers: { Authorization: `Bearer ${token}` },
    data: {
      kind: 'network-access',
      source: 'component:default/rules-engine',
      destination: 'component:default/fraud-scoring-service',
      ports: '443/tcp',
      justification: 'Rules engine scores in the Saturday release window',
      applyAt: applyAt.toISOString(),
      expiresAt: new Date(Date.now() + 30 * 86_400_000)
        .toISOString()
        .slice(0, 10),
    },
  });
  expect(filed.status(), await filed.text()).toBe(201);
  const { id } = await filed.json();

  await signInAsGuest(page);
  await page.goto('/ops-calendar');
  const day = page.getByRole('list', {
    name: `Calendar ${applyAt.toISOString().slice(0, 10)}`,
  });
  await expect(day).toContainText(`Apply ${id} (awaiting approval)`);
  await expect(
    page.getByText('Freeze: Month-end close (core network)').first(),
  ).toBeVisible();
  await page.screenshot({
    path: 'e2e-screenshots/change-calendar.png',
    fullPage: true,
  });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download iCalendar (.ics)' }).click();
  const ics = await (await download).createReadStream();
  let text = '';
  for await (const chunk of ics) text += chunk;
  expect(text).toContain('BEGIN:VCALENDAR');
  expect(text).toContain(`Apply ${id} (awaiting approval)`);
});
