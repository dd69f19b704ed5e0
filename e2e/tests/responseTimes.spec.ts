/*
 * From an alert to the response figures, on the running portal: Alertmanager
 * posts a NetOps alert (10.20.3.14:8443, category network), the NetOps DC
 * engineer on call opens the link the notification carries and acknowledges
 * the incident, Alertmanager resolves it, and the governance page shows NetOps
 * DC's time to acknowledge and to resolve.
 */
import { expect, test } from '@playwright/test';
import { waitForLookup } from '../support/portalApi';
import { signInAs } from '../support/signIn';

const ALERTMANAGER_TOKEN = 'e2e-alertmanager-token-5f1c0a7e';
const DC = 'group:default/netops-dc';

function webhook(status: 'firing' | 'resolved', fingerprint: string) {
  return {
    version: '4',
    status,
    receiver: 'backstage',
    externalURL: 'http://alertmanager:9093',
    alerts: [
      {
        status,
        labels: {
          alertname: 'TlsHandshakeFailures',
          instance: '10.20.3.14:8443',
          category: 'network',
          severity: 'high',
        },
        annotations: { summary: 'TLS handshake failures at the DC edge' },
        fingerprint,
      },
    ],
  };
}

test('the on-call engineer acknowledges the incident an alert opened, and the governance page shows the team its response times', async ({
  browser,
  request,
}) => {
  await waitForLookup(
    request,
    '10.20.3.14',
    match => match.answer?.owners.netops.team?.ref,
    DC,
  );
  const fingerprint = `e2e-response-${Date.now()}`;
  const post = async (status: 'firing' | 'resolved') => {
    const res = await request.post('/api/integrated-ops/alerts/alertmanager', {
      data: webhook(status, fingerprint),
      headers: { Authorization: `Bearer ${ALERTMANAGER_TOKEN}` },
    });
    expect(res.status(), await res.text()).toBe(200);
    return (await res.json()).results[0];
  };
  const fired = await post('firing');
  expect(fired).toMatchObject({ outcome: 'routed', team: DC });
  const onCall = fired.onCall[0].replace('user:default/', '');

  // The notification's link: the incident, then the answer for the address.
  const page = await signInAs(browser, onCall);
  await page.goto(`/ops-lookup?q=10.20.3.14%3A8443&incident=${fired.incident}`);
  await expect(
    page.getByRole('heading', { name: 'Incident: TlsHandshakeFailures' }),
  ).toBeVisible();
  await expect(page.getByText('Waiting for acknowledgement')).toBeVisible();
  const acknowledge = page.getByRole('button', {
    name: 'Acknowledge',
    exact: true,
  });
  await acknowledge.click();
  await expect(page.getByText(/^Acknowledged by/)).toBeVisible();
  await expect(acknowledge).toHaveCount(0);
  expect((await post('resolved')).incident).toBe(fired.incident);

  await page.goto('/ops-governance');
  const section = page.getByRole('region', { name: 'Response per team' });
  const row = section.getByRole('row', { name: 'NetOps Data Centre Fabric' });
  await expect(row).toBeVisible({ timeout: 30_000 });
  // Discipline, incidents, then acknowledged and resolved in: within the
  // test, seconds, not a dash.
  await expect(row.getByRole('gridcell').nth(0)).toHaveText('NetOps');
  await expect(row.getByRole('gridcell').nth(2)).toHaveText(/^\d+ s \/ \d+ s$/);
  await expect(row.getByRole('gridcell').nth(3)).toHaveText(/^\d+ s \/ \d+ s$/);
  await page.screenshot({
    path: 'e2e-screenshots/response-times.png',
    fullPage: true,
  });
});
