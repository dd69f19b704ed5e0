/*
 * The self-service templates through the portal's real scaffolder, on the
 * sample catalog (SQLite backend): dry runs, full runs, and a request the
 * change policy refuses. Each commit is read back from the local git
 * repositories under the backend's data directory.
 */
import { expect, test } from '@playwright/test';
import { parse, parseAllDocuments } from 'yaml';
import {
  getOnce,
  guestToken,
  waitForEntities,
  waitForTypedOwners,
} from '../support/portalApi';
import { sampleEntityRefs } from '../support/sampleCatalog';
import {
  branchesOf,
  dryRunTemplate,
  git,
  runTemplate,
} from '../support/scaffolder';

const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

// The browser test (approvals.spec.ts) may already have merged this flow with
// a 30-day expiry; a later one makes this change an extension (the policy
// refuses to ask again for a flow main allows, unless it ends later).
const networkAccess = {
  source: 'component:default/case-management-ui',
  destination: 'component:default/fraud-scoring-service',
  ports: '443/tcp',
  justification: 'Analysts need fraud scores in the case view',
  expiresAt: inDays(31),
};

const securityControls = {
  component: 'component:default/fraud-scoring-service',
  exposure: 'internal',
  controls: [
    'sast',
    'dependency-scan',
    'secret-scan',
    'image-scan',
    'secrets-management',
  ],
  compliance: ['gdpr'],
  exceptions: [
    {
      control: 'tls',
      justification:
        'TLS terminates at the mesh sidecar; mTLS enforced by Istio',
    },
  ],
  expiresAt: inDays(30),
};

let token: string;
test.beforeAll(async ({ request }) => {
  token = await guestToken(request);
  await waitForEntities(request, token, sampleEntityRefs());
  // The policy needs the targets' owners, inherited ones included.
  await waitForTypedOwners(request, token);
});

test('network access: dry run checks policy and renders, without committing', async ({
  request,
}) => {
  const before = branchesOf('infrastructure').length;
  const result = await dryRunTemplate(
    request,
    token,
    'network-access',
    networkAccess,
  );
  const log = result.log.map((l: any) => l.body.message).join('\n');
  expect(log).toContain('PASS ports-per-zone: 443/tcp allowed into zone "pci"');
  expect(log).toContain(
    'Dry run: would commit on a new branch change/<id> of the infrastructure repository and ask netops (group:default/netops-dc), secops (group:default/soc-tier1) to approve',
  );
  // The task log names no server paths.
  expect(log).not.toContain(process.env.PORTAL_E2E_SQLITE_DATA_DIR!);
  // fraud-detection's baseline denies egress: the source's half comes too.
  expect(result.directoryContents.map((f: any) => f.path).sort()).toEqual([
    'change/kubernetes/fraud-detection/allow-case-management-ui-to-fraud-scoring-service-egress.yaml',
    'change/kubernetes/fraud-detection/allow-case-management-ui-to-fraud-scoring-service.yaml',
    'change/terraform/case-management-ui-to-fraud-scoring-service.tf.json',
  ]);
  expect(branchesOf('infrastructure')).toHaveLength(before);
});

test('network access: a full run commits a reviewed change naming the approvers', async ({
  request,
}) => {
  const result = await runTemplate(
    request,
    token,
    'network-access-request',
    networkAccess,
  );
  expect(result.status, JSON.stringify(result.error)).toBe('completed');
  const branch = result.output.text[0].content.match(
    /Branch `(change\/cr-[^`]+)`/,
  )[1];
  const id = branch.slice('change/'.length);

  // The branch holds the change and its record (other tests may have merged theirs into main).
  const files = git('infrastructure', 'ls-tree', '-r', '--name-only', branch)
    .split('\n')
    .filter(Boolean);
  expect(files).toEqual(
    expect.arrayContaining([
      `change-requests/${id}.yaml`,
      'kubernetes/fraud-detection/allow-case-management-ui-to-fraud-scoring-service.yaml',
      'terraform/case-management-ui-to-fraud-scoring-service.tf.json',
    ]),
  );

  const manifests = parseAllDocuments(
    git(
      'infrastructure',
      'show',
      `${branch}:kubernetes/fraud-detection/allow-case-management-ui-to-fraud-scoring-service.yaml`,
    ),
  ).map(d => d.toJS());
  // Only the access asked for: no namespace-wide default-deny riding along,
  // and the source, on the same cluster, by its namespace and pod labels.
  expect(manifests).toHaveLength(1);
  expect(manifests[0]).toMatchObject({
    kind: 'NetworkPolicy',
    metadata: { name: 'allow-case-management-ui-to-fraud-scoring-service' },
    spec: {
      podSelector: {
        matchLabels: { 'app.kubernetes.io/name': 'fraud-scoring-service' },
      },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            {
              namespaceSelector: {
                matchLabels: {
                  'kubernetes.io/metadata.name': 'fraud-detection',
                },
              },
              podSelector: {
                matchLabels: { 'app.kubernetes.io/name': 'case-management-ui' },
              },
            },
          ],
          ports: [{ protocol: 'TCP', port: 443 }],
        },
      ],
    },
  });
  const record = parse(
    git('infrastructure', 'show', `${branch}:change-requests/${id}.yaml`),
  );
  expect(record).toMatchObject({
    id,
    kind: 'network-access',
    requestedBy: 'user:default/guest',
    policy: 'northbridge-change-policy@2026.12.7',
    requiredApprovals: ['netops', 'secops'],
    approvers: {
      netops: 'group:default/netops-dc',
      secops: 'group:default/soc-tier1',
    },
  });
  // The task ends with a change request the owning teams approve.
  const link = result.output.links.find((l: any) =>
    l.title.startsWith('Change request'),
  );
  expect(link.url).toBe(`/ops-requests/${id}`);
  // Named as an output of its own: the task page opens it (Create ends there).
  expect(result.output.requestId).toBe(id);
  const filed = await (
    await request.get(`/api/ops-requests/requests/${id}`, {
      headers: { Authorization: `Bearer ${token}` },
    })
  ).json();
  expect(filed).toMatchObject({
    state: 'pending',
    requestedBy: 'user:default/guest',
    approvers: {
      netops: 'group:default/netops-dc',
      secops: 'group:default/soc-tier1',
    },
    canDecide: false,
  });
  // Read back from git at the reviewed commit, in git's order.
  expect(Object.keys(filed.change.files)).toEqual([
    'kubernetes/fraud-detection/allow-case-management-ui-to-fraud-scoring-service-egress.yaml',
    'kubernetes/fraud-detection/allow-case-management-ui-to-fraud-scoring-service.yaml',
    'terraform/case-management-ui-to-fraud-scoring-service.tf.json',
  ]);
  // Nothing lands on main until it is approved.
  expect(
    git('infrastructure', 'ls-tree', '-r', '--name-only', 'main'),
  ).not.toContain(`change-requests/${id}.yaml`);
});

test('network access from a partner range outside the catalog: SecOps approves, the rule names the range', async ({
  request,
}) => {
  const { source: _entity, ...rest } = networkAccess;
  const result = await runTemplate(request, token, 'network-access-request', {
    ...rest,
    destination: 'component:default/payments-web',
    sourceRange: '203.0.113.0/24',
    justification: 'The card scheme partner posts chargebacks to the web tier',
  });
  expect(result.status, JSON.stringify(result.error)).toBe('completed');
  const id = result.output.text[0].content.match(
    /Branch `change\/(cr-[^`]+)`/,
  )[1];
  const filed = await (
    await request.get(`/api/ops-requests/requests/${id}`, {
      headers: { Authorization: `Bearer ${token}` },
    })
  ).json();
  expect(filed.title).toContain('203.0.113.0/24 (outside the catalog)');
  expect(filed.requiredApprovals).toContain('secops');
  expect(filed.approvers.secops).toBeTruthy();
  const manifest = Object.entries(filed.change.files).find(([path]) =>
    path.startsWith('kubernetes/'),
  )![1] as string;
  expect(parse(manifest).spec.ingress[0].from).toEqual([
    { ipBlock: { cidr: '203.0.113.0/24' } },
  ]);
});

test('network access the policy refuses fails before anything is rendered or committed', async ({
  request,
}) => {
  const before = branchesOf('infrastructure');
  const result = await runTemplate(request, token, 'network-access-request', {
    ...networkAccess,
    source: 'resource:default/seg-corp',
    ports: '22/tcp',
  });
  expect(result.status).toBe('failed');
  expect(result.error?.message).toContain(
    'cidr-breadth: 10.0.0.0/8 (resource:default/seg-corp) is broader than /24',
  );
  expect(result.error?.message).toContain(
    'ports-per-zone: 22/tcp not allowed into zone "pci"',
  );
  expect(result.log).toContain(
    'Skipping step request because a previous step failed',
  );
  expect(branchesOf('infrastructure')).toEqual(before);
});

test('security controls: dry run, then a change with the workflow and the justified exception', async ({
  request,
}) => {
  const dry = await dryRunTemplate(
    request,
    token,
    'security-controls',
    securityControls,
  );
  expect(dry.log.map((l: any) => l.body.message).join('\n')).toContain(
    'PASS controls',
  );

  const result = await runTemplate(
    request,
    token,
    'security-controls',
    securityControls,
  );
  expect(result.status, JSON.stringify(result.error)).toBe('completed');
  const branch = result.output.text[0].content.match(
    /Branch `(change\/cr-[^`]+)`/,
  )[1];
  const workflow = parse(
    git(
      'infrastructure',
      'show',
      `${branch}:components/fraud-scoring-service/.github/workflows/security.yaml`,
    ),
  );
  expect(Object.keys(workflow.jobs)).toEqual([
    'sast',
    'dependency-scan',
    'secret-scan',
    'image-scan',
  ]);
  const controls = parse(
    git(
      'infrastructure',
      'show',
      `${branch}:components/fraud-scoring-service/security/controls.yaml`,
    ),
  );
  expect(controls.spec.exceptions).toEqual([securityControls.exceptions[0]]);
  expect(controls.spec.compliance).toEqual(['gdpr']);
});

test('new service: dry run, then a repository and a catalog entry with three owners', async ({
  request,
}) => {
  const values = {
    name: 'payments-notifier',
    description: 'Notifies customers of declined payments',
    system: 'system:default/fraud-detection',
    language: 'go',
    exposure: 'internet',
    dataClass: 'pii',
    opsOwners: { devops: 'group:default/platform-delivery' },
  };
  const dry = await dryRunTemplate(request, token, 'new-service', values);
  const dryFiles = dry.directoryContents.map((f: any) => f.path);
  expect(dryFiles).toEqual(
    expect.arrayContaining([
      'service/Dockerfile',
      'service/kubernetes/networkpolicy.yaml',
      'service/.github/workflows/security.yaml',
      'service/catalog-info.yaml',
    ]),
  );

  const result = await runTemplate(request, token, 'new-service', values);
  expect(result.status, JSON.stringify(result.error)).toBe('completed');
  const files = git('payments-notifier', 'ls-tree', '-r', '--name-only', 'main')
    .split('\n')
    .filter(Boolean);
  expect(files).toEqual(
    expect.arrayContaining([
      'Dockerfile',
      'catalog-info.yaml',
      'kubernetes/deployment.yaml',
      'kubernetes/networkpolicy.yaml',
      '.github/workflows/security.yaml',
      'security/controls.yaml',
    ]),
  );
  // The new namespace's baseline: default-deny, with DNS egress allowed.
  const baseline = parseAllDocuments(
    git('payments-notifier', 'show', 'main:kubernetes/networkpolicy.yaml'),
  ).map(d => d.toJS());
  expect(baseline).toMatchObject([
    {
      metadata: { name: 'default-deny-all' },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    },
    {
      metadata: { name: 'allow-dns-egress' },
      spec: {
        policyTypes: ['Egress'],
        egress: [
          {
            ports: [
              { protocol: 'UDP', port: 53 },
              { protocol: 'TCP', port: 53 },
            ],
          },
        ],
      },
    },
  ]);

  // Registered: the catalog picks it up with its chosen and inherited owners.
  await expect
    .poll(
      async () => {
        const r = await getOnce(
          request,
          '/api/catalog/entities/by-name/component/default/payments-notifier',
          {
            headers: { Authorization: `Bearer ${token}` },
          },
        );
        if (!r.ok()) return undefined;
        const entity = await r.json();
        return (entity.relations ?? [])
          .filter(
            (rel: any) =>
              rel.type.endsWith('OwnedBy') && rel.type !== 'ownedBy',
          )
          .map((rel: any) => `${rel.type} ${rel.targetRef}`)
          .sort();
      },
      { timeout: 60_000, intervals: [1_000] },
    )
    .toEqual([
      'devopsOwnedBy group:default/platform-delivery',
      'netopsOwnedBy group:default/netops-dc',
      'secopsOwnedBy group:default/soc-tier1',
    ]);
});
