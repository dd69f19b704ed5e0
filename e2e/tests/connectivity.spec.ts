/*
 * Who can reach what, from the incident lookup box, against the real
 * portal whose infrastructure repository is seeded from
 * catalog/infrastructure (namespace baselines and three approved flows).
 */
import { expect, test } from '@playwright/test';
import { guestToken } from '../support/portalApi';
import { signInAsGuest } from '../support/signIn';
import { expectNoSeriousA11yViolations } from '../support/axe';

const shots = 'e2e-screenshots';

test('the lookup answers a reach question: allowed with the rules and their expiry, denied with the isolating side and a pre-filled request', async ({
  page,
}) => {
  await signInAsGuest(page);
  // The connectivity model is built a few seconds after the catalog.
  await expect(async () => {
    await page.goto(
      `/ops-lookup?q=${encodeURIComponent(
        'payments-web -> edge-transaction-gateway:8443',
      )}`,
    );
    await expect(
      page.getByText(
        'payments-web -> edge-transaction-gateway: TCP 8443 is allowed by the network',
      ),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  const allowedBy = page.getByRole('list', { name: 'Allowed by' });
  await expect(allowedBy).toContainText(
    'egress at the source: transaction-edge/allow-payments-web-to-edge-transaction-gateway-egress (kubernetes/transaction-edge/allow-payments-web-to-edge-transaction-gateway-egress.yaml) asked by user:default/aisha.bello',
  );
  await expect(allowedBy).toContainText(
    'ingress at the destination: transaction-edge/allow-payments-web-to-edge-transaction-gateway',
  );
  await page.screenshot({ path: `${shots}/reach-allowed.png` });
  await expectNoSeriousA11yViolations(page, 'main');

  // The other way round is not allowed: the gateway's egress is isolated.
  await page.goto(
    `/ops-lookup?q=${encodeURIComponent(
      'payments-web:8443 <- edge-transaction-gateway',
    )}`,
  );
  await expect(
    page.getByText(
      'edge-transaction-gateway -> payments-web: TCP 8443 is denied by the network',
    ),
  ).toBeVisible();
  const isolatedBy = page.getByRole('list', { name: 'Isolated by' });
  await expect(isolatedBy).toContainText(
    'the source (transaction-edge/edge-transaction-gateway[Component]) for egress: transaction-edge/allow-dns-egress',
  );
  const ask = page.getByRole('link', { name: 'Ask for this access' });
  const href = decodeURIComponent((await ask.getAttribute('href')) ?? '');
  expect(href).toContain('/create/templates/default/network-access-request');
  expect(JSON.parse(href.split('formData=')[1])).toEqual({
    source: 'component:default/edge-transaction-gateway',
    destination: 'component:default/payments-web',
    ports: '8443/tcp',
  });
  await page.screenshot({ path: `${shots}/reach-denied.png` });

  // A name nobody has is a 400 in words, not a silent "denied".
  await page.goto(
    `/ops-lookup?q=${encodeURIComponent('nobody-here -> payments-web:443')}`,
  );
  await expect(page.getByRole('alert')).toContainText(
    'from: no entity "nobody-here" in the catalog that you may read',
  );
});

test("the fraud scoring service's page says who can reach it, by which rule, and what it reaches", async ({
  page,
}) => {
  await signInAsGuest(page);
  // The connectivity model is built a few seconds after the catalog.
  await expect(async () => {
    await page.goto('/catalog/default/component/fraud-scoring-service');
    await expect(
      page.getByRole('list', { name: 'Who can reach this' }),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  const inbound = page.getByRole('list', { name: 'Who can reach this' });
  await expect(inbound).toContainText('Edge Transaction Gateway - TCP 8443');
  await expect(inbound).toContainText(
    'fraud-detection/allow-edge-transaction-gateway-to-fraud-scoring-service (ingress here',
  );
  await inbound.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/who-can-reach.png` });

  await page.getByRole('button', { name: 'Outbound' }).click();
  await expect(
    page.getByRole('heading', { name: 'What this can reach' }),
  ).toBeVisible();
  await expect(
    page.getByRole('list', { name: 'What this can reach' }),
  ).toBeVisible();
});

test("a change the policy's connectivity invariants forbid is refused before anyone approves, naming the invariant and the path", async ({
  request,
}) => {
  const token = await guestToken(request);
  const expiresAt = new Date(Date.now() + 10 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const preview = (source: string, destination: string, ports: string) =>
    request.post('/api/ops-requests/requests/preview', {
      headers: { authorization: `Bearer ${token}` },
      data: {
        kind: 'network-access',
        source,
        destination,
        ports,
        justification: 'Score drift checks call the scoring API directly',
        expiresAt,
      },
    });
  const invariantsOf = async (
    source: string,
    destination = 'component:default/fraud-scoring-service',
    ports = '8443/tcp',
  ) => {
    const answer = await preview(source, destination, ports);
    expect(answer.status(), await answer.text()).toBe(200);
    const plan = await answer.json();
    return plan.policy.results.find(
      (r: { rule: string }) => r.rule === 'connectivity.invariants',
    );
  };
  // Once the connectivity model has main (built a few seconds after the catalog).
  await expect(async () => {
    const result = await invariantsOf('component:default/ml-inference-service');
    // The ML zone (internal) into the PCI application zone: refused.
    expect(result).toEqual({
      rule: 'connectivity.invariants',
      passed: false,
      message: expect.stringContaining(
        'pci-zone-from-dmz-and-pci: component:default/ml-inference-service -> component:default/fraud-scoring-service',
      ),
    });
  }).toPass({ timeout: 90_000 });
  // From the DMZ edge it keeps them.
  expect(await invariantsOf('component:default/payments-web')).toMatchObject({
    passed: true,
    message:
      'keeps the 3 connectivity invariant(s): outside-never-restricted, pci-zone-from-dmz-and-pci, restricted-on-database-ports',
  });
  // A partner range straight into the data zone: a firewall rule, not in
  // the NetworkPolicy model, judged as asked.
  expect(
    await invariantsOf(
      '203.0.113.7/24',
      'resource:default/fraud-cases-db',
      '5432/tcp',
    ),
  ).toMatchObject({
    passed: false,
    message:
      'would break an invariant: outside-never-restricted: 203.0.113.0/24 -> resource:default/fraud-cases-db TCP 5432 (No address range outside the catalog (a partner, the Internet) reaches the restricted data zone)',
  });
});
