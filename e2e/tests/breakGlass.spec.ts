/*
 * Break-glass from the browser: the sample engineer on call now for NetOps
 * DC Fabric (the Fraud Scoring Service's NetOps owner, per the sample
 * catalog's rotation) opens emergency access with the template; it is
 * applied at once and waits for review; the SOC (the policy's notify group)
 * sees the notification; the requester cannot confirm their own; SOC Tier 1
 * confirms it.
 */
import { expect, test } from '@playwright/test';
import { expectedOnCallRefs } from '../support/expectedOnCall';
import {
  guestToken,
  waitForEntities,
  waitForTypedOwners,
} from '../support/portalApi';
import { sampleEntityRefs } from '../support/sampleCatalog';
import { createAndOpenRequest, git } from '../support/scaffolder';
import { pick, signInAs } from '../support/signIn';

const shots = 'e2e-screenshots';

test('the on-call engineer opens break-glass access from the browser; the SOC is told; SOC Tier 1 confirms it', async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  const token = await guestToken(request);
  await waitForEntities(request, token, sampleEntityRefs());
  await waitForTypedOwners(request, token);
  const [onCall] = expectedOnCallRefs('netops-dc');
  const engineer = await signInAs(browser, onCall.replace('user:default/', ''));

  await engineer.goto('/create/templates/default/emergency-access');
  await engineer.getByRole('textbox', { name: 'Incident' }).fill('INC-4711');
  await pick(engineer, 'From', 'Fraud Alert Notifier');
  await pick(engineer, 'To', 'Fraud Scoring Service');
  await engineer.getByRole('button', { name: 'Next' }).click();
  await engineer
    .getByLabel('What is broken and why this flow fixes it')
    .fill(
      'INC-4711: alerts cannot reach the scoring service after the failover',
    );
  await engineer.getByRole('button', { name: 'Next' }).click();
  const decision = engineer.getByRole('region', {
    name: 'What the server decides',
  });
  await expect(decision).toContainText(
    'break-glass - you are on call for group:default/netops-dc, so Create applies it at once',
  );
  await engineer.screenshot({ path: `${shots}/break-glass-decision.png` });
  await engineer.getByRole('button', { name: 'Review' }).click();
  const id = await createAndOpenRequest(engineer);
  await expect(
    engineer.getByText('post-review', { exact: true }),
  ).toBeVisible();
  await expect(
    engineer.getByText('Break-glass access for incident INC-4711'),
  ).toBeVisible();
  // Applied at once: on main of the infrastructure repository.
  expect(git('infrastructure', 'log', '--format=%s', 'main')).toContain(
    `Apply ${id}`,
  );
  // Nobody confirms their own break-glass.
  await expect(engineer.getByRole('button', { name: 'Confirm' })).toHaveCount(
    0,
  );
  await engineer.screenshot({
    path: `${shots}/break-glass-request.png`,
    fullPage: true,
  });

  // The SOC (the policy's notify group) is told at once.
  const soc = await signInAs(browser, 'priya.raman');
  await soc.goto('/notifications');
  await expect(
    soc
      .getByText(
        /^Break-glass: Network access: component:default\/fraud-alert-notifier/,
      )
      .first(),
  ).toBeVisible();
  await soc.screenshot({ path: `${shots}/break-glass-soc-notification.png` });

  // SOC Tier 1, an approving team, confirms it.
  const tier1 = await signInAs(browser, 'noah.kim');
  await tier1.goto(`/ops-requests/${id}`);
  await tier1.getByRole('button', { name: 'Confirm' }).click();
  await tier1
    .getByRole('button', { name: 'Confirm break-glass access' })
    .click();
  await expect(tier1.getByText('applied', { exact: true })).toBeVisible();
});
