import { mkdtemp, readFile, writeFile } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import { mockServices } from '@backstage/backend-test-utils';
import { LocalGitRepositories } from '@integrated-ops/plugin-ops-requests-node';
import { POLICY_FILE, testCatalog } from '../__testUtils__/testCatalog';
import { runAction } from '../__testUtils__/runAction';
import { createPolicyCheckAction } from './policyCheck';
import { NewServiceNames } from './serviceNames';

const NOW = new Date('2026-03-02T12:00:00Z');
/** Who holds a new service's name: the test catalog, nothing registered, no repositories. */
const names = new NewServiceNames({
  catalog: testCatalog(),
  auth: mockServices.auth(),
  registrationDir: join(tmpdir(), 'iop-policy-check-none'),
  repositories: new LocalGitRepositories(
    join(tmpdir(), 'iop-policy-check-none'),
  ),
});
const action = createPolicyCheckAction({
  catalog: testCatalog(),
  policyFile: POLICY_FILE,
  names,
  now: () => NOW,
});

/** A network access request the policy allows; each case changes one thing. */
const allowedFlow = {
  kind: 'network-access',
  names: ['fraud-case-management-to-fraud-scoring-service'],
  source: 'component:default/fraud-case-management',
  destination: 'component:default/fraud-scoring-service',
  ports: '443/tcp',
  expiresAt: '2026-04-01',
};

const securityControls = {
  kind: 'security-controls',
  names: ['fraud-scoring-service'],
  component: 'component:default/fraud-scoring-service',
  exposure: 'internal',
  // PCI data: baseline + image-scan, secrets-management, tls
  controls: [
    'sast',
    'dependency-scan',
    'secret-scan',
    'image-scan',
    'secrets-management',
    'tls',
  ],
};

/** The PCI controls without TLS, excepted with a real justification. */
const tlsExcepted = {
  controls: [
    'sast',
    'dependency-scan',
    'secret-scan',
    'image-scan',
    'secrets-management',
  ],
  exceptions: [
    {
      control: 'tls',
      justification:
        'TLS terminates at the mesh sidecar, mTLS enforced by Istio',
    },
  ],
};

describe('integrated-ops:policy:check', () => {
  it('allows a well-formed flow, logs every rule and names the approvers from the catalog', async () => {
    const run = await runAction(action, allowedFlow);
    expect(run.error).toBeUndefined();
    expect(run.outputs.passed).toBe(true);
    expect(run.outputs.policyVersion).toBe(
      'northbridge-change-policy@2026.12.7',
    );
    expect(run.outputs.results.map((r: any) => r.rule)).toEqual([
      'naming',
      'labels',
      'cidr-breadth',
      'ports-per-zone',
      'secops-involvement',
      'production-expiry',
      'controls',
      'approvers',
    ]);
    // PCI data at the destination brings SecOps in.
    expect(run.outputs.requiredApprovals).toEqual(['netops', 'secops']);
    expect(run.outputs.approvers).toEqual({
      netops: 'group:default/netops-dc',
      secops: 'group:default/soc-tier1',
    });
    expect(run.outputs.sourceCidrs).toEqual(['10.20.3.20/32']);
    expect(run.outputs.destinationCidrs).toEqual(['10.20.3.14/32']);
    expect(run.outputs.destinationZone).toBe('pci');
    expect(run.outputs.destinationNamespace).toBe('fraud-detection');
    expect(run.log).toContain(
      'PASS ports-per-zone: 443/tcp allowed into zone "pci"',
    );
  });

  it.each([
    [
      'naming',
      { names: ['Fraud_Scoring'] },
      /naming: "Fraud_Scoring" must match/,
    ],
    [
      'labels',
      { labels: { 'bad key!': 'x' } },
      /labels: labels not valid Kubernetes labels: bad key!=x/,
    ],
    [
      'cidr-breadth (any address)',
      { source: 'resource:default/internet' },
      /cidr-breadth: 0\.0\.0\.0\/0 \(resource:default\/internet\) means any address/,
    ],
    [
      'cidr-breadth (broader than /24)',
      { source: 'resource:default/seg-corp' },
      /cidr-breadth: 10\.0\.0\.0\/8 \(resource:default\/seg-corp\) is broader than \/24/,
    ],
    [
      'ports-per-zone',
      { ports: '443/tcp, 22/tcp' },
      /ports-per-zone: 22\/tcp not allowed into zone "pci" \(allowed: tcp 443, 8443\)/,
    ],
    [
      'secops-involvement',
      {
        destination: 'component:default/legacy-batch-scorer',
        names: ['a-to-b'],
      },
      /secops-involvement: PCI data need SecOps involvement, but no SecOps owner/,
    ],
    [
      'production-expiry (none)',
      { expiresAt: undefined },
      /production-expiry: production changes need an expiry/,
    ],
    [
      'production-expiry (past)',
      { expiresAt: '2026-03-01' },
      /production-expiry: expiry 2026-03-01 is in the past/,
    ],
    [
      'production-expiry (too long)',
      { expiresAt: '2026-07-01' },
      /more than 90 days away/,
    ],
    [
      'approvers',
      { destination: 'component:default/orphan-api' },
      /approvers: no netops owner declared or inherited for the target/,
    ],
  ])(
    'refuses a flow that breaks %s, before anything else runs',
    async (_rule, change, message) => {
      const run = await runAction(action, { ...allowedFlow, ...change });
      expect(run.error?.name).toBe('InputError');
      expect(run.error?.message).toMatch(
        /^Refused by policy northbridge-change-policy@2026\.12\.7:/,
      );
      expect(run.error?.message).toMatch(message);
      expect(run.outputs.passed).toBe(false);
      expect(run.log.some(l => l.startsWith('FAIL '))).toBe(true);
    },
  );

  it('allows the controls a PCI component needs, with SecOps to approve', async () => {
    const run = await runAction(action, securityControls);
    expect(run.error).toBeUndefined();
    expect(run.outputs.requiredApprovals).toEqual(['secops']);
  });

  it.each([
    [
      'a required control neither chosen nor excepted',
      { controls: ['sast', 'dependency-scan', 'secret-scan'] },
      /controls: image-scan is required; secrets-management is required; tls is required/,
    ],
    [
      'internet exposure without WAF',
      { exposure: 'internet' },
      /controls: waf is required/,
    ],
    [
      'an exception without a real justification',
      {
        controls: [
          'sast',
          'dependency-scan',
          'secret-scan',
          'image-scan',
          'secrets-management',
        ],
        exceptions: [{ control: 'tls', justification: 'later' }],
        expiresAt: '2026-03-20',
      },
      /controls: the exception to tls needs a justification of at least 30 characters/,
    ],
    [
      'a production exception without expiry',
      {
        ...tlsExcepted,
      },
      /production-expiry: production changes need an expiry/,
    ],
  ])('refuses security controls with %s', async (_case, change, message) => {
    const run = await runAction(action, { ...securityControls, ...change });
    expect(run.error?.message).toMatch(message);
  });

  it('accepts a justified, expiring exception and asks DevOps too', async () => {
    const run = await runAction(action, {
      ...securityControls,
      ...tlsExcepted,
      expiresAt: '2026-03-20',
    });
    expect(run.error).toBeUndefined();
    expect(run.outputs.requiredApprovals).toEqual(['secops', 'devops']);
  });

  it('takes a new service’s owners from its System unless chosen, and needs SecOps for internet exposure', async () => {
    const run = await runAction(action, {
      kind: 'new-service',
      names: ['payments-notifier'],
      system: 'system:default/fraud-detection',
      owners: { devops: 'group:default/platform-delivery' },
      exposure: 'internet',
      controls: [
        'sast',
        'dependency-scan',
        'secret-scan',
        'image-scan',
        'tls',
        'waf',
      ],
    });
    expect(run.error).toBeUndefined();
    expect(run.outputs.approvers).toEqual({
      devops: 'group:default/platform-delivery',
      secops: 'group:default/soc-tier1',
    });
  });

  it('says which field is missing and which entity is unknown', async () => {
    expect(
      (await runAction(action, { ...allowedFlow, destination: undefined }))
        .error?.message,
    ).toBe('destination is required for a network-access request');
    expect(
      (
        await runAction(action, {
          ...allowedFlow,
          destination: 'component:default/nope',
        })
      ).error?.message,
    ).toBe('destination: component:default/nope is not in the catalog');
    expect(
      (await runAction(action, { ...allowedFlow, ports: '443/tcp, ssh' })).error
        ?.message,
    ).toMatch(/^ports: "ssh" is not a port/);
  });

  it('refuses to judge by a policy file that does not match the schema, naming the field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iop-policy-'));
    const file = join(dir, 'change-policy.yaml');
    const text = await readFile(POLICY_FILE, 'utf8');
    await writeFile(
      file,
      text.replace('minPrefixLengthIPv4: 24', 'minPrefixLengthIPv4: 40'),
    );
    const broken = createPolicyCheckAction({
      catalog: testCatalog(),
      policyFile: file,
      names,
    });
    const run = await runAction(broken, allowedFlow);
    expect(run.error?.message).toBe(
      // Named by its file name: the error reaches the task log, server paths do not.
      `change policy change-policy.yaml is invalid at spec.cidr.minPrefixLengthIPv4: Too big: expected number to be <=32`,
    );
  });
});
