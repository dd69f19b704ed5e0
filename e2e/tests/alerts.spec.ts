/*
 * An Alertmanager alert reaches the right on-call person: posted to the
 * running portal with Alertmanager's external-access token, routed by the
 * labels (instance 10.20.3.14:8443, category security) to SOC Tier 1, and
 * read in the browser by whoever of SOC Tier 1 is on call now.
 */
import { expect, test } from '@playwright/test';
import { expectedOnCallRefs } from '../support/expectedOnCall';
import { guestToken, waitForTypedOwners } from '../support/portalApi';

const ALERTMANAGER_TOKEN = 'e2e-alertmanager-token-5f1c0a7e';

test('an Alertmanager alert on 10.20.3.14:8443 reaches SOC Tier 1 on call, in the browser', async ({
  page,
  request,
}) => {
  const token = await guestToken(request);
  await waitForTypedOwners(request, token);
  // The lookup's index catches up with the catalog on its own schedule: wait
  // until it has the scoring service's inherited SecOps owner.
  await expect
    .poll(
      async () => {
        const res = await request.get('/api/integrated-ops/lookup', {
          params: { q: '10.20.3.14' },
          headers: { Authorization: `Bearer ${token}` },
        });
        return res.ok()
          ? (await res.json()).matches[0]?.answer?.owners.secops.team?.ref
          : res.status();
      },
      { timeout: 60_000 },
    )
    .toBe('group:default/soc-tier1');
  const summary = `Credential stuffing against fraud scoring ${Date.now()}`;
  const webhook = {
    version: '4',
    groupKey: '{}:{alertname="CredentialStuffing"}',
    truncatedAlerts: 0,
    status: 'firing',
    receiver: 'backstage',
    groupLabels: { alertname: 'CredentialStuffing' },
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://alertmanager:9093',
    alerts: [
      {
        status: 'firing',
        labels: {
          alertname: 'CredentialStuffing',
          instance: '10.20.3.14:8443',
          category: 'security',
          severity: 'critical',
        },
        annotations: { summary },
        startsAt: new Date().toISOString(),
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: 'http://prometheus/graph',
        fingerprint: `e2e-${Date.now()}`,
      },
    ],
  };

  // Without the token, or with a user's, nothing is sent.
  const anonymous = await request.post(
    '/api/integrated-ops/alerts/alertmanager',
    {
      data: webhook,
    },
  );
  expect(anonymous.status()).toBe(401);

  const res = await request.post('/api/integrated-ops/alerts/alertmanager', {
    data: webhook,
    headers: { Authorization: `Bearer ${ALERTMANAGER_TOKEN}` },
  });
  expect(res.status(), await res.text()).toBe(200);
  const [result] = (await res.json()).results;
  expect(result).toMatchObject({
    outcome: 'routed',
    entity: 'component:default/fraud-scoring-service',
    discipline: 'secops',
    team: 'group:default/soc-tier1',
  });
  // Whoever the sample catalog's rotation says is on call now.
  expect(result.onCall).toEqual(expectedOnCallRefs('soc-tier1'));
  const onCallName = result.onCall[0].replace('user:default/', '');

  await page.goto('/');
  await page.getByLabel('User name').fill(onCallName);
  await page.getByRole('button', { name: 'Sign in as sample user' }).click();
  await page.goto('/notifications');
  await expect(page.getByText(summary)).toBeVisible();
  await page.screenshot({ path: 'e2e-screenshots/alert-notification.png' });
});
