/*
 * The Integrated Ops pages in the browser, against the running portal on the
 * sample catalog: incident lookup by hostname, IP and name; the ops-owners
 * card on a component page; the coverage dashboard; the team view on a Group
 * page. Screenshots land in e2e-screenshots/ (gitignored).
 */
import { expect, Page, test } from '@playwright/test';
import { expectedOnCall } from '../support/expectedOnCall';
import { signInAsGuest } from '../support/signIn';
import {
  getOnce,
  guestToken,
  waitForEntities,
  waitForLookup,
} from '../support/portalApi';
import { sampleEntityRefs } from '../support/sampleCatalog';

const shots = 'e2e-screenshots';

test.beforeAll(async ({ request }) => {
  await waitForEntities(request, await guestToken(request), sampleEntityRefs());
  // The lookup index refreshes on its own schedule: wait until it has the estate.
  await waitForLookup(
    request,
    'component:default/legacy-batch-scorer',
    match => match.entityRef,
    'component:default/legacy-batch-scorer',
  );
});

/** The owner column of one discipline: team, and who is on call now. */
async function expectOwner(
  page: Page,
  discipline: 'NetOps' | 'DevOps' | 'SecOps',
  team: { name: string; title: string; source: string },
) {
  const column = page
    .getByRole('region', { name: `${discipline} owner` })
    .first();
  await expect(
    column.getByRole('link', { name: team.title }).first(),
  ).toBeVisible();
  await expect(column.getByText(team.source, { exact: true })).toBeVisible();
  for (const person of expectedOnCall(team.name)) {
    await expect(column.getByText(person).first()).toBeVisible();
  }
}

const netopsEdge = { name: 'netops-edge', title: 'NetOps Edge & Perimeter' };
const netopsDc = { name: 'netops-dc', title: 'NetOps Data Centre Fabric' };
const srePayments = { name: 'sre-payments', title: 'SRE Payments' };
const platformDelivery = {
  name: 'platform-delivery',
  title: 'Platform Delivery',
};
const socTier1 = { name: 'soc-tier1', title: 'SOC Tier 1' };

test('incident lookup by hostname from the sidebar, keyboard only', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.getByRole('link', { name: 'Incident lookup' }).click();
  const box = page.getByRole('textbox', { name: 'Name, hostname, URL or IP' });
  await expect(box).toBeFocused();
  await page.keyboard.type('api.pay.bank.example');
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(/\/ops-lookup\?q=api\.pay\.bank\.example$/);
  await expect(
    page.getByText('Looked up hostname api.pay.bank.example.'),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Edge Transaction Gateway' }).first(),
  ).toBeVisible();
  await expectOwner(page, 'NetOps', { ...netopsEdge, source: 'inherited' });
  await expectOwner(page, 'DevOps', { ...srePayments, source: 'inherited' });
  await expectOwner(page, 'SecOps', { ...socTier1, source: 'inherited' });
  // The F5 load balancer answers for the same hostname: a ranked alternative.
  const alternative = page.locator(
    'a[href="/ops-lookup?q=resource%3Adefault%2Flb-edge-f5"]',
  );
  await expect(alternative).toHaveText('Edge load balancer');
  await page.screenshot({
    path: `${shots}/ops-lookup-hostname.png`,
    fullPage: true,
  });
  await alternative.click();
  await expect(page).toHaveURL(/\?q=resource%3Adefault%2Flb-edge-f5$/);
  await expect(
    page.getByText('Looked up entity resource:default/lb-edge-f5.'),
  ).toBeVisible();
});

test('incident lookup by IP, deep-linked: owners, on call, blast radius, copy who to page', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signInAsGuest(page);
  await page.goto('/ops-lookup?q=10.20.3.14');

  await expect(
    page.getByText('Looked up IP address 10.20.3.14.'),
  ).toBeVisible();
  await expectOwner(page, 'NetOps', { ...netopsDc, source: 'declared' });
  await expectOwner(page, 'DevOps', { ...srePayments, source: 'inherited' });
  await expectOwner(page, 'SecOps', { ...socTier1, source: 'inherited' });
  await expect(
    page.getByRole('list', { name: 'Escalation path' }).last(),
  ).toContainText('SOC Tier 2');

  const dependents = page.getByRole('region', {
    name: 'What else breaks (dependents)',
  });
  await expect(
    dependents.getByRole('heading', { name: '1 hop away' }),
  ).toBeVisible();
  await expect(
    dependents.getByRole('link', { name: 'Fraud Score API' }).first(),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Copy who to page' }).click();
  await expect(
    page.getByRole('button', { name: 'Copied who to page' }),
  ).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const lines = copied.split('\n');
  expect(lines[1]).toBe(
    'Fraud Scoring Service [component:default/fraud-scoring-service] in fraud-detection',
  );
  // The one-line summary, then the numbers to dial and the way back.
  expect(lines[2]).toBe(
    `NetOps: ${expectedOnCall('netops-dc')[0]} · DevOps: ${
      expectedOnCall('sre-payments')[0]
    } · SecOps: ${expectedOnCall('soc-tier1')[0]}`,
  );
  expect(copied).toContain('NetOps DC pager +44 20 7000 0102');
  expect(copied).toMatch(
    /on call \(primary\): .+ \(phone \+44 20 \d{4} \d{4}, .+\) until .+ GMT/,
  );
  expect(lines[lines.length - 1]).toMatch(
    /^Answer: http:\/\/localhost:\d+\/ops-lookup\?q=10\.20\.3\.14$/,
  );
  // Backstage's notifications may prefix an unread count.
  await expect(page).toHaveTitle(
    /^(\(\d+\) )?10\.20\.3\.14 - Incident lookup$/,
  );
  await page.screenshot({ path: `${shots}/ops-lookup-ip.png`, fullPage: true });
});

test('incident lookup by name, and a query that matches nothing', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/ops-lookup?q=ml-inference-service');
  await expect(
    page.getByRole('link', { name: 'ML Inference Service' }).first(),
  ).toBeVisible();
  await expectOwner(page, 'NetOps', { ...netopsDc, source: 'inherited' });
  await expectOwner(page, 'DevOps', {
    ...platformDelivery,
    source: 'declared',
  });
  await expectOwner(page, 'SecOps', { ...socTier1, source: 'inherited' });

  await page
    .getByRole('textbox', { name: 'Name, hostname, URL or IP' })
    .fill('no-such-host.bank.example');
  await page.keyboard.press('Enter');
  await expect(
    page.getByText(
      'Nothing in the catalog matches "no-such-host.bank.example"',
    ),
  ).toBeVisible();
  // Never a dead end: whom to call anyway, as for an entity without an owner.
  await expect(page.getByText('Call instead:')).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Major Incident Management' }),
  ).toBeVisible();

  // A typo: the near name, one click from its answer.
  await page
    .getByRole('textbox', { name: 'Name, hostname, URL or IP' })
    .fill('fraud-scorng');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Did you mean')).toBeVisible();
  await page.screenshot({ path: `${shots}/ops-lookup-no-match.png` });
  await page.getByRole('link', { name: 'Fraud Scoring Service' }).click();
  await expect(page).toHaveURL(/q=component%3Adefault%2Ffraud-scoring-service/);
  await expectOwner(page, 'NetOps', { ...netopsDc, source: 'declared' });
});

test('a component page leads with the ops owners card', async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/fraud-scoring-service');
  await expect(page.getByText('Ops owners')).toBeVisible();
  await expectOwner(page, 'NetOps', { ...netopsDc, source: 'declared' });
  await expectOwner(page, 'SecOps', { ...socTier1, source: 'inherited' });
  await page.screenshot({
    path: `${shots}/ops-owners-card.png`,
    fullPage: true,
  });

  // The deliberate gap of the sample estate shows as missing ops ownership.
  await page.goto('/catalog/default/component/legacy-batch-scorer');
  const secops = page.getByRole('region', { name: 'SecOps owner' });
  await expect(secops.getByText('fallback: spec.owner')).toBeVisible();
  await expect(secops.getByRole('alert')).toContainText(
    'Call instead: Major Incident Management',
  );
});

test('the coverage dashboard lists the gaps, links to them and exports CSV', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.getByRole('link', { name: 'Ops coverage' }).click();
  await expect(
    page.getByText(/^\d+ of \d+ entities fully covered \(\d+(\.\d)?%\)$/),
  ).toBeVisible();
  // Gaps grouped by discipline, with the team to chase.
  await expect(
    page
      .getByRole('region', { name: 'NetOps gaps' })
      .getByRole('heading', { name: /Chase .*Fraud ML/ }),
  ).toBeVisible();
  await expect(
    page.getByRole('figure', { name: 'Coverage per system' }),
  ).toBeVisible();
  await expect(
    page.locator('figure .recharts-bar-rectangle').first(),
  ).toBeVisible();

  const gap = page.getByRole('link', { name: 'Legacy Batch Scorer' }).first();
  await expect(gap).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Model Artifacts Bucket' }).first(),
  ).toBeVisible();
  await page.screenshot({ path: `${shots}/ops-coverage.png`, fullPage: true });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export gaps as CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('ops-ownership-gaps.csv');
  const { readFileSync } = await import('fs');
  const csv = readFileSync((await file.path())!, 'utf8');
  expect(csv).toContain('component:default/legacy-batch-scorer');

  await gap.click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/legacy-batch-scorer/,
  );
});

test('a Group page shows who of the team is on call now and next, and what it owns per discipline', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/group/netops-dc');
  const onCall = page.getByRole('region', { name: 'On call now' });
  await expect(onCall).toContainText(
    `On call (primary): ${expectedOnCall('netops-dc')[0]}`,
  );
  await expect(onCall.getByText(/^until .+, then .+$/).first()).toBeVisible();
  // The next three shifts of the rotation, in the viewer's time.
  await expect(
    onCall
      .getByRole('region', { name: 'Next shifts (primary)' })
      .getByRole('listitem'),
  ).toHaveCount(3);
  await expect(
    onCall.getByRole('list', { name: 'Escalation path' }),
  ).toContainText('Network Operations');
  const netops = page.getByRole('region', { name: 'NetOps ownership' });
  await expect(
    netops.getByRole('link', { name: 'Fraud Scoring Service' }),
  ).toBeVisible();
  await expect(
    netops.getByRole('heading', { name: /Components \(\d+\)/ }),
  ).toBeVisible();
  await page.screenshot({
    path: `${shots}/team-ownership.png`,
    fullPage: true,
  });
});

test('from Home and from the search bar to the incident lookup', async ({
  page,
  request,
}) => {
  await signInAsGuest(page);
  // Sign-in lands on Home, the lookup box focused: typing goes straight in.
  await expect(
    page.getByRole('textbox', {
      name: 'Who owns it? Name, hostname, URL or IP',
    }),
  ).toBeFocused();
  await page.keyboard.type('10.20.3.14');
  // The incident lookup is the first item of the menu.
  await expect(
    page
      .getByRole('navigation')
      .getByRole('link')
      .filter({ hasText: /^(Incident lookup|Home|Catalog)$/ })
      .first(),
  ).toHaveText('Incident lookup');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/ops-lookup\?q=10\.20\.3\.14$/);
  await expect(
    page.getByText('Looked up IP address 10.20.3.14.'),
  ).toBeVisible();

  // The search index is built on a schedule after the catalog has entities.
  const token = await guestToken(request);
  await expect
    .poll(
      async () =>
        (
          await getOnce(request, '/api/search/query', {
            headers: { Authorization: `Bearer ${token}` },
            params: { term: 'fraud' },
          })
        ).status(),
      { timeout: 120_000, intervals: [3_000] },
    )
    .toBe(200);
  await page.getByRole('button', { name: 'Search' }).first().click();
  await page.keyboard.type('api.pay.bank.example');
  const suggestion = page.getByRole('link', {
    name: 'Who owns “api.pay.bank.example”? Open the incident lookup',
  });
  await expect(suggestion).toBeVisible();
  await suggestion.click();
  await expect(page).toHaveURL(/\/ops-lookup\?q=api\.pay\.bank\.example$/);
  await expect(
    page.getByRole('link', { name: 'Edge Transaction Gateway' }).first(),
  ).toBeVisible();
});
