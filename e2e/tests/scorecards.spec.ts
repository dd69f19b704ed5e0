/*
 * Readiness scorecards on the running portal: Tech Insights records the
 * portal's facts (typed owners, on-call depth, runbooks) every minute, and
 * the fraud scoring service's page shows NetOps, DevOps and SecOps side by
 * side: NetOps gold (its owner declared, two people on call), DevOps and
 * SecOps silver (owners inherited from the System), each naming the check
 * that fails and the action that fixes it. A component without owners
 * (legacy-batch-scorer, a deliberate gap) reaches no level.
 */
import { expect, test } from '@playwright/test';
import { guestToken, waitForTypedOwners } from '../support/portalApi';
import { signInAsGuest } from '../support/signIn';
import { expectNoSeriousA11yViolations } from '../support/axe';

test.beforeAll(async ({ request }) => {
  await waitForTypedOwners(request, await guestToken(request));
});

test("the fraud scoring service's scorecard names what fails per discipline and the action", async ({
  page,
}) => {
  await signInAsGuest(page);
  // Facts are read every minute: wait until they have the inherited owners.
  await expect(async () => {
    await page.goto('/catalog/default/component/fraud-scoring-service');
    await expect(
      page.getByRole('heading', { name: 'DevOps: Silver' }),
    ).toBeVisible({ timeout: 5_000 });
    // And the security findings' facts, once the sample reports are in.
    await expect(
      page.getByRole('region', { name: 'SecOps readiness' }),
    ).toContainText('4 of 5 checks pass; next: Gold', { timeout: 1_000 });
  }).toPass({ timeout: 150_000, intervals: [5_000] });
  await expect(
    page.getByRole('heading', { name: 'NetOps: Gold' }),
  ).toBeVisible();
  const secops = page.getByRole('region', { name: 'SecOps readiness' });
  await expect(
    secops.getByRole('heading', { name: 'SecOps: Silver' }),
  ).toBeVisible();
  // Grype's critical is within its SLA and a scanner reported: those pass.
  await expect(secops.getByRole('list', { name: 'Failing' })).not.toContainText(
    'past its SLA',
  );
  await expect(secops.getByRole('list', { name: 'Failing' })).toContainText(
    'SecOps owner declared on the entity (gold): The SecOps owner is declared on the entity itself, not only inherited - fix: Declare spec.opsOwners.secops on the entity (its catalog-info.yaml)',
  );
  await expect(page.getByText(/^Facts read \d+ (s|min) ago\.$/)).toBeVisible();
  await secops.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'e2e-screenshots/scorecard.png' });

  await page.goto('/catalog/default/component/legacy-batch-scorer');
  await expect(
    page.getByRole('heading', { name: 'DevOps: No level' }),
  ).toBeVisible({ timeout: 30_000 });
  const devops = page.getByRole('region', { name: 'DevOps readiness' });
  await expect(
    devops.getByRole('link', { name: /^Declare the DevOps owner/ }),
  ).toHaveAttribute('href', '/ops-coverage');
  // No scanner reports on it: the security-controls template is the fix.
  const secopsLegacy = page.getByRole('region', { name: 'SecOps readiness' });
  await expect(
    secopsLegacy.getByRole('link', {
      name: 'Add the scanners to its pipeline with the Security controls template',
    }),
  ).toHaveAttribute('href', '/create/templates/default/security-controls');
});

test('the sample campaign shows where the components stand, the burn-down and the teams behind', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signInAsGuest(page);
  // Standings are first computed 90 seconds after the backend starts.
  await expect(async () => {
    await page.goto('/scorecard-campaigns');
    await expect(
      page.getByText(/^\d+ of \d+ at the target, as of /),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 180_000, intervals: [10_000] });
  await expect(page.getByText(/^SecOps Silver by 2027-01-31 \(/)).toBeVisible();
  await page
    .getByRole('link', {
      name: 'Every component at SecOps silver before the PCI DSS assessment',
    })
    .click();
  await expect(
    page.getByRole('img', { name: /^Burn-down: \d below the target on / }),
  ).toBeVisible();
  // The estate's 15 components, those below the target first: the legacy
  // batch scorer has no owner; the fraud scoring service reaches it.
  const entities = page.getByRole('table', {
    name: 'Entities of the campaign',
  });
  await expect(entities.getByRole('row')).toHaveCount(16); // header + 15
  await expect(
    entities.getByRole('row', { name: /Legacy Batch Scorer/ }),
  ).toContainText('No levelNo');
  await expect(
    entities.getByRole('row', { name: /Fraud Scoring Service/ }),
  ).toContainText('SilverYes');
  const teams = page.getByRole('table', { name: 'Teams behind' });
  await expect(teams.getByRole('row').nth(1)).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'main');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export entities as CSV' }).click();
  expect((await download).suggestedFilename()).toBe(
    'campaign-pci-dss-secops-silver.csv',
  );
  await page.screenshot({
    path: 'e2e-screenshots/campaign.png',
    fullPage: true,
  });

  // The team page: its standing and rank among the owning teams.
  await page.goto('/catalog/default/group/vuln-mgmt');
  const card = page.getByRole('list', { name: 'Campaigns' });
  await expect(card).toContainText(
    /1 of 1 below the target; rank \d of \d teams\./,
    { timeout: 30_000 },
  );
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'e2e-screenshots/team-campaigns.png' });
});
