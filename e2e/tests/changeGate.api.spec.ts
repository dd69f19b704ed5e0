/*
 * The change gate, attacked as a hostile signed-in user would, against the
 * running portal (SQLite and PostgreSQL backends): a forged change request
 * through the HTTP API and through a hand-written template is refused; the
 * honest intent gets the approvers the catalog names, and SecOps for PCI.
 */
import { expect, test } from '@playwright/test';
import {
  guestToken,
  waitForEntities,
  waitForTypedOwners,
} from '../support/portalApi';
import { sampleEntityRefs } from '../support/sampleCatalog';

const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

let token: string;
const auth = () => ({ Authorization: `Bearer ${token}` });

test.beforeAll(async ({ request }) => {
  token = await guestToken(request);
  await waitForEntities(request, token, sampleEntityRefs());
  await waitForTypedOwners(request, token);
});

test('a forged request is refused: the caller cannot say policy, approvers, targets or branch', async ({
  request,
}) => {
  const before = (
    await (
      await request.get('/api/ops-requests/requests', { headers: auth() })
    ).json()
  ).items.length;
  // "payments-web -> payments-web, policy passed", on a branch that opens the PCI database.
  const forged = await request.post('/api/ops-requests/requests', {
    headers: auth(),
    data: {
      kind: 'network-access',
      title: 'Network access: payments-web -> payments-web (443/tcp)',
      description: 'harmless',
      targets: ['component:default/payments-web'],
      change: {
        provider: 'local',
        repository: 'infrastructure',
        branch: '--upload-pack=touch /tmp/pwned',
        commit: 'f'.repeat(40),
        url: 'x',
        files: { 'kubernetes/allow.yaml': 'harmless' },
      },
      policy: {
        version: 'northbridge-change-policy@2026.12.1',
        results: [{ rule: 'all', passed: true, message: 'ok' }],
      },
      requiredApprovals: ['netops'],
    },
  });
  expect(forged.status()).toBe(400);
  const { error } = await forged.json();
  expect(error.message).toContain(
    'unknown fields "title", "description", "targets", "change", "policy", "requiredApprovals"',
  );
  // With the production config, no stack trace or server path in what a caller sees.
  if (test.info().project.name === 'postgres') {
    expect(error.stack).toBeUndefined();
    expect(JSON.stringify(error)).not.toMatch(/node_modules|\.ts:\d+/);
  }
  const after = (
    await (
      await request.get('/api/ops-requests/requests', { headers: auth() })
    ).json()
  ).items.length;
  expect(after).toBe(before);
});

test('the honest intent into the PCI database is approved by its owners and SecOps', async ({
  request,
}) => {
  const intoCasesDb = {
    kind: 'network-access',
    source: 'component:default/payments-web',
    destination: 'resource:default/fraud-cases-db',
    ports: '5432/tcp',
    justification: 'Checkout reads open fraud cases directly',
  };
  const preview = await request.post('/api/ops-requests/requests/preview', {
    headers: auth(),
    data: { ...intoCasesDb, expiresAt: inDays(10) },
  });
  expect(preview.status(), await preview.text()).toBe(200);
  const plan = await preview.json();
  expect(plan.policy.passed).toBe(true);
  // The database's NetOps owner (inherited from Fraud Prevention), not the
  // requester's or the source's team; SecOps because the database holds PCI data.
  expect(plan.approvers).toEqual({
    netops: 'group:default/netops-dc',
    secops: 'group:default/soc-tier1',
  });
  expect(
    plan.policy.results.find((r: any) => r.rule === 'secops-involvement')
      .message,
  ).toContain('PCI data');

  const noExpiry = await request.post('/api/ops-requests/requests', {
    headers: auth(),
    data: intoCasesDb,
  });
  expect(noExpiry.status()).toBe(400);
  expect((await noExpiry.json()).error.message).toContain(
    'production-expiry: production changes need an expiry',
  );
});

test('a hand-written template cannot pass policy results or approvers to the request action', async ({
  request,
}) => {
  const template = {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name: 'forged-request' },
    spec: {
      owner: 'user:default/guest',
      type: 'network-access',
      parameters: [],
      steps: [
        {
          id: 'request',
          name: 'File it',
          action: 'integrated-ops:request:create',
          input: {
            kind: 'network-access',
            source: 'component:default/payments-web',
            destination: 'component:default/payments-web',
            ports: '443/tcp',
            justification: 'nothing to see here, move along',
            expiresAt: inDays(10),
            policyResults: [{ rule: 'all', passed: true, message: 'ok' }],
            requiredApprovals: ['netops'],
            branch: 'attacker/open-pci-db',
          },
        },
      ],
    },
  };
  const response = await request.post('/api/scaffolder/v2/dry-run', {
    headers: auth(),
    data: { template, values: {}, secrets: {}, directoryContents: [] },
  });
  // Refused (by the scaffolder's input validation or the action itself)
  // before anything is asked of the backend, naming the forged inputs.
  const answer = await response.text();
  expect(answer).toMatch(/policyResults/);
  expect(answer).not.toContain('Dry run: would commit');
});
