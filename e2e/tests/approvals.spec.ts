/*
 * A network access request from the browser through to the applied change:
 * the guest fills the template, the destination's NetOps and SecOps owners
 * (sample users, development sign-in) approve it on the Requests page, and
 * the change lands on main of the infrastructure repository.
 */
import { expectNoSeriousA11yViolations } from '../support/axe';
import { expect, test } from '@playwright/test';
import {
  guestToken,
  waitForEntities,
  waitForTypedOwners,
} from '../support/portalApi';
import { sampleEntityRefs } from '../support/sampleCatalog';
import { createAndOpenRequest, git } from '../support/scaffolder';
import { pick, signInAs } from '../support/signIn';

const shots = 'e2e-screenshots';
const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test('request network access, approved by the owning teams, applied', async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  const token = await guestToken(request);
  await waitForEntities(request, token, sampleEntityRefs());
  await waitForTypedOwners(request, token);

  // The guest asks.
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByTestId('sidebar-root')
      .getByRole('link', { name: 'Change requests' }),
  ).toBeVisible();
  await page.goto('/create/templates/default/network-access-request');
  await pick(page, 'From', 'Fraud Case Management');
  // By its name, as the lookup shows it; chosen by its title.
  await pick(page, 'To', 'fraud-scoring-service', 'Fraud Scoring Service');
  await page.getByRole('button', { name: 'Next' }).click();
  await page
    .getByLabel('Justification')
    .fill('Analysts need fraud scores in the case view');
  await page.getByLabel('Access ends on').fill(inDays(30));
  await page.getByRole('button', { name: 'Next' }).click();
  // Before Create: the server's verdict, the approving teams and their people.
  const decision = page.getByRole('region', {
    name: 'What the server decides',
  });
  await expect(decision).toContainText(
    /Policy northbridge-change-policy@.+: allowed, pending approval/,
  );
  const approvers = decision.getByRole('list', { name: 'Approvers' });
  await expect(approvers).toContainText('NetOps');
  await expect(approvers).toContainText('Omar Haddad');
  await expect(approvers).toContainText('SecOps');
  await expect(
    decision.getByRole('list', { name: 'What it changes' }),
  ).toContainText(
    'kubernetes/fraud-detection/allow-case-management-ui-to-fraud-scoring-service.yaml',
  );
  // What the change does to the network, before anyone approves: computed
  // by the server from main's NetworkPolicies (fraud-detection's baseline
  // denies everything else).
  await expect(
    decision.getByRole('list', { name: 'Network effect' }),
  ).toContainText('adds case-management-ui -> fraud-scoring-service: TCP 443');
  await page.screenshot({ path: `${shots}/request-server-decision.png` });
  // The whole page: the header, the stock stepper and form, our preview.
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: 'Review' }).click();
  // Create ends on the filed request's page.
  const id = await createAndOpenRequest(page);
  await expect(page.getByText('pending', { exact: true })).toBeVisible();
  // The state, prominent, says what comes next; the title names entities by
  // their catalog titles.
  await expect(
    page.getByText('Pending: waiting for NetOps, SecOps'),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', {
      name: /^Network access: Fraud Case Management -> Fraud Scoring Service \(443\/tcp\)/,
    }),
  ).toBeVisible();
  // Back shows the task's log and links; it does not open the request again.
  await page.goBack();
  await expect(
    page.getByRole('link', { name: `Change request ${id}` }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/create\/tasks\//);
  await page.goForward();
  await expect(page).toHaveURL(new RegExp(`/ops-requests/${id}$`));
  // The requester cannot decide their own request.
  await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(0);

  // NetOps DC Fabric approves.
  const netops = await signInAs(browser, 'omar.haddad');
  await netops
    .getByTestId('sidebar-root')
    .getByRole('link', { name: 'Change requests' })
    .click();
  await netops
    .getByRole('link', {
      name: /Network access: Fraud Case Management -> Fraud Scoring Service/,
    })
    .first()
    .click();
  await expect(netops).toHaveURL(new RegExp(`/ops-requests/${id}$`));
  await expect(netops.getByRole('button', { name: 'Approve' })).toBeVisible();
  await netops.screenshot({
    path: `${shots}/request-awaiting-netops.png`,
    fullPage: true,
  });
  await netops.getByRole('button', { name: 'Approve' }).click();
  // Not the last approval: the confirmation says nothing is applied yet.
  await expect(netops.getByRole('dialog')).toContainText(
    'Yours is one of them, so nothing is applied yet.',
  );
  await netops.getByRole('button', { name: 'Confirm approval' }).click();
  await expect(netops.getByRole('list', { name: 'Approvals' })).toContainText(
    'approved by Omar Haddad',
  );
  await expect(netops.getByText('pending', { exact: true })).toBeVisible();

  // SOC Tier 1 approves: the change is applied.
  const secops = await signInAs(browser, 'noah.kim');
  await secops.goto(`/ops-requests/${id}`);
  await secops.getByRole('button', { name: 'Approve' }).click();
  // The last approval merges: the confirmation says what will change.
  const confirm = secops.getByRole('dialog');
  await expect(confirm).toContainText(
    'Yours is the last approval: the change is applied now.',
  );
  await expect(
    confirm.getByRole('list', { name: 'What will change' }),
  ).toContainText(
    'kubernetes/fraud-detection/allow-case-management-ui-to-fraud-scoring-service.yaml',
  );
  await expect(
    confirm.getByRole('list', { name: 'Network effect' }),
  ).toContainText('adds case-management-ui -> fraud-scoring-service: TCP 443');
  await secops.screenshot({ path: `${shots}/request-confirm-merge.png` });
  await confirm.getByRole('button', { name: 'Confirm approval' }).click();
  await expect(secops.getByText('applied', { exact: true })).toBeVisible();
  await expect(secops.getByText(/^Applied /)).toBeVisible();
  const audit = secops.getByRole('list', { name: 'Audit trail' });
  await expect(audit).toContainText('user:default/guest created');
  await expect(audit).toContainText('user:default/omar.haddad approved:netops');
  await expect(audit).toContainText('user:default/noah.kim approved:secops');
  await expect(audit).toContainText(
    `ops-requests:portal applied (approved -> applied): merged change/${id} into main`,
  );
  await secops.screenshot({
    path: `${shots}/request-applied.png`,
    fullPage: true,
  });
  await expectNoSeriousA11yViolations(secops);

  await netops.context().close();
  await secops.context().close();
  expect(
    git('infrastructure', 'ls-tree', '-r', '--name-only', 'main'),
  ).toContain(
    'kubernetes/fraud-detection/allow-case-management-ui-to-fraud-scoring-service.yaml',
  );
});
