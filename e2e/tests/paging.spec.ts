/*
 * Paging from the answer, in the browser, with no vendor installed: Raj
 * (SRE) looks up 10.20.3.14 and pages NetOps with a note; whoever the sample
 * rotation puts on call for NetOps DC gets the portal notification, opens
 * the page from it and acknowledges; Raj's answer shows who acknowledged.
 * (Against PagerDuty's documented endpoints the same path is tested in the
 * PagerDuty module's module.test.ts, with a local server.)
 */
import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from '../support/axe';
import { expectedOnCallRefs } from '../support/expectedOnCall';
import { guestToken, waitForTypedOwners } from '../support/portalApi';
import { signInAs } from '../support/signIn';

const shots = 'e2e-screenshots';

test('page NetOps from the answer; the on-call acknowledges from the notification', async ({
  browser,
  request,
}) => {
  await waitForTypedOwners(request, await guestToken(request));
  const note = `TLS errors at the edge (${Date.now()})`;
  const raj = await signInAs(browser, 'raj.patel');
  await raj.goto('/ops-lookup?q=10.20.3.14');
  const netops = raj.getByRole('region', { name: 'NetOps owner' });
  await expect(netops.getByRole('link', { name: 'NetOps DC' })).toBeVisible({
    timeout: 30_000,
  });
  // From the answer to the action: emergency access to it, pre-filled.
  await expect(
    raj.getByRole('link', { name: 'Emergency access…' }),
  ).toHaveAttribute(
    'href',
    `/create/templates/default/emergency-access?formData=${encodeURIComponent(
      JSON.stringify({
        destination: 'component:default/fraud-scoring-service',
      }),
    )}`,
  );
  await raj.getByRole('button', { name: 'Page NetOps' }).click();
  await raj
    .getByRole('textbox', { name: 'Note for the NetOps on-call (optional)' })
    .fill(note);
  await raj.getByRole('button', { name: 'Send page to NetOps' }).click();
  await expect(raj.getByText('Waiting for acknowledgement')).toBeVisible();
  await expect(
    raj.getByText(/Paged NetOps Data Centre Fabric \(NetOps\) in the portal/),
  ).toBeVisible();
  await raj.screenshot({ path: `${shots}/paging-sent.png` });

  // Whoever the sample rotation says is on call for NetOps DC now.
  const [onCall] = expectedOnCallRefs('netops-dc');
  const responder = await signInAs(
    browser,
    onCall.replace('user:default/', ''),
  );
  await responder.goto('/notifications');
  await responder
    .getByText(`Paged by Raj Patel: Fraud Scoring Service (NetOps) - ${note}`)
    .first()
    .click();
  await expect(responder).toHaveURL(/\/ops-lookup\?page=/);
  await expect(responder.getByText(`Note: ${note}`)).toBeVisible();
  await expectNoSeriousA11yViolations(responder, 'main');
  await responder.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(responder.getByText(/^Acknowledged by/)).toBeVisible();
  await responder.screenshot({ path: `${shots}/paging-acknowledged.png` });

  // Raj's answer asks again every 10 s.
  await expect(raj.getByText(/^Acknowledged by/)).toBeVisible({
    timeout: 20_000,
  });
});

test("a name that matches nothing still pages: the nearest System's owners, from the answer", async ({
  browser,
  request,
}) => {
  await waitForTypedOwners(request, await guestToken(request));
  const raj = await signInAs(browser, 'raj.patel');
  // A host the catalog does not know, under a domain the Fraud Detection
  // system's hostnames share.
  const host = `queue-worker-${Date.now()}.fraud.bank.internal`;
  await raj.goto(`/ops-lookup?q=${host}`);
  await expect(
    raj.getByText(`Nothing in the catalog matches "${host}"`),
  ).toBeVisible({ timeout: 30_000 });
  await expect(raj.getByText('Nearest in the catalog')).toBeVisible();
  await expect(
    raj.getByRole('link', { name: 'Fraud Detection', exact: true }),
  ).toBeVisible();
  await raj.getByRole('button', { name: 'Page NetOps' }).click();
  await raj.getByRole('button', { name: 'Send page to NetOps' }).click();
  await expect(raj.getByText('Waiting for acknowledgement')).toBeVisible();
  await expect(
    raj.getByText(/^Paged .+ \(NetOps\) in the portal/),
  ).toBeVisible();
  await raj.screenshot({
    path: `${shots}/paging-from-no-match.png`,
    fullPage: true,
  });
  await expectNoSeriousA11yViolations(raj, 'main');
});

test('a name that matches nothing and nothing near pages the incident escalation; the commander on call acknowledges', async ({
  browser,
  request,
}) => {
  await waitForTypedOwners(request, await guestToken(request));
  const raj = await signInAs(browser, 'raj.patel');
  // Under no domain, and at no address, the catalog knows.
  const host = `edge-${Date.now()}.partner.example`;
  await raj.goto(`/ops-lookup?q=${host}`);
  await expect(
    raj.getByText(`Nothing in the catalog matches "${host}"`),
  ).toBeVisible({ timeout: 30_000 });
  await expect(raj.getByText('Nearest in the catalog')).toHaveCount(0);
  await raj
    .getByRole('button', { name: 'Page Major Incident Management' })
    .click();
  await raj
    .getByRole('textbox', {
      name: 'Note for the Major Incident Management on-call (optional)',
    })
    .fill('Partner edge unreachable, nobody owns it');
  await raj
    .getByRole('button', { name: 'Send page to Major Incident Management' })
    .click();
  await expect(
    raj.getByText(
      `Paged Major Incident Management (incident escalation for "${host}") in the portal`,
      { exact: false },
    ),
  ).toBeVisible();
  await expectNoSeriousA11yViolations(raj, 'main');
  await raj.screenshot({
    path: `${shots}/paging-escalation.png`,
    fullPage: true,
  });

  // Whoever the sample rotation says is the incident commander now.
  const [onCall] = expectedOnCallRefs('incident-command');
  const commander = await signInAs(
    browser,
    onCall.replace('user:default/', ''),
  );
  await commander.goto('/notifications');
  await commander
    .getByText(
      `Paged by Raj Patel: "${host}" matched nothing in the catalog - incident escalation - Partner edge unreachable, nobody owns it`,
    )
    .first()
    .click();
  await expect(
    commander.getByText(`Page: incident escalation for "${host}"`),
  ).toBeVisible();
  await commander.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(commander.getByText(/^Acknowledged by/)).toBeVisible();
  await expect(raj.getByText(/^Acknowledged by/)).toBeVisible({
    timeout: 20_000,
  });
});
