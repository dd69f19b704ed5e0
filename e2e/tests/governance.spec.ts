/*
 * Ownership re-certification and governance KPIs on the running portal:
 * within a minute of the start every owning team is asked (a change request
 * per ownership declaration); a NetOps DC engineer confirms one from the
 * Change requests page; the coverage page lists what is still unconfirmed;
 * the KPI page shows its charts for the team and downloads the CSV.
 */
import { expect, test } from '@playwright/test';
import { readFile } from 'fs/promises';
import {
  guestToken,
  waitForEntities,
  waitForTypedOwners,
} from '../support/portalApi';
import { sampleEntityRefs } from '../support/sampleCatalog';
import { signInAs, signInAsGuest } from '../support/signIn';

const DC = 'group:default/netops-dc';
let token: string;

test.beforeAll(async ({ request }) => {
  token = await guestToken(request);
  await waitForEntities(request, token, sampleEntityRefs());
  await waitForTypedOwners(request, token);
});

async function recertifications(request: any) {
  const res = await request.get('/api/ops-requests/recertifications', {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(res.status()).toBe(200);
  return (await res.json()).items as any[];
}

test('an owning team confirms its ownership from the request it was sent', async ({
  browser,
  request,
}) => {
  let asked: any;
  await expect
    .poll(
      async () => {
        asked = (await recertifications(request)).find(
          i => i.team === DC && i.state === 'pending',
        );
        return !!asked;
      },
      { timeout: 120_000, intervals: [2_000] },
    )
    .toBe(true);

  const page = await signInAs(browser, 'omar.haddad');
  await page.goto(`/ops-requests/${asked.requestId}`);
  await expect(
    page.getByRole('heading', { name: /^Confirm ownership: / }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Confirm ownership' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: 'Confirm ownership' })
    .click();
  await expect(page.getByText('applied', { exact: true })).toBeVisible();

  const now = (await recertifications(request)).find(
    i => i.declaredOn === asked.declaredOn && i.discipline === asked.discipline,
  );
  expect(now).toMatchObject({
    state: 'confirmed',
    confirmedBy: 'user:default/omar.haddad',
  });
});

test('the coverage page lists unconfirmed ownership; the KPI page charts a team and downloads CSV', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/ops-coverage');
  await expect(
    page.getByRole('list', { name: 'Ownership drift' }),
  ).toContainText('Ownership not confirmed', { timeout: 60_000 });

  await page.goto(`/ops-governance?team=${encodeURIComponent(DC)}`);
  await expect(
    page.getByRole('heading', { name: `Governance KPIs: ${DC}` }),
  ).toBeVisible();
  for (const chart of [
    'Time to approve per discipline (minutes)',
    'Pending requests by age',
    'Policy refusals per rule',
    'Re-certification per team (% confirmed)',
  ]) {
    await expect(page.getByRole('figure', { name: chart })).toBeVisible();
  }
  // Bars are drawn: the pending chart has its four age buckets.
  await expect(
    page
      .getByRole('figure', { name: 'Pending requests by age' })
      .locator('.recharts-bar-rectangle'),
  ).toHaveCount(4);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('governance-kpis.csv');
  const csv = await readFile((await download.path())!, 'utf8');
  expect(csv.split('\n')[0]).toBe('section,key,metric,value');
  expect(csv).toContain(`scope,${DC},from,`);
  expect(csv).toMatch(/recertification,all,declarations,[1-9]/);
});
