import { execFile } from 'child_process';
import { mkdtemp, readFile, writeFile } from 'fs/promises';
import { createServer } from 'http';
import { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { parse } from 'yaml';
import { gunzipSync } from 'zlib';
import { expectGolden } from '../__testUtils__/golden';
import { runAction } from '../__testUtils__/runAction';
import { validateManifests } from '@integrated-ops/plugin-ops-requests-node';
import { createRenderCiControlsAction } from './renderCiControls';
import { createRenderFirewallRuleAction } from './renderFirewallRule';
import { createRenderNetworkPolicyAction } from './renderNetworkPolicy';
import { createValidateKubernetesAction } from './validateKubernetes';

const flow = {
  namespace: 'fraud-detection',
  targetPath: 'change/kubernetes/fraud-detection/allow.yaml',
  name: 'allow-fraud-case-management-to-fraud-scoring-service',
  destinationApp: 'fraud-scoring-service',
  sourceCidrs: ['10.20.3.20/32'],
  ports: '443/tcp, 8080-8090/tcp',
  labels: { 'integrated-ops.io/request': 'network-access' },
  annotations: { 'integrated-ops.io/expires-at': '2026-04-01' },
};

describe('integrated-ops:render:network-policy', () => {
  const action = createRenderNetworkPolicyAction();

  it('renders the baseline plus the allow rule, valid against the Kubernetes schemas', async () => {
    const run = await runAction(action, flow);
    expect(run.error).toBeUndefined();
    const yaml = await readFile(
      join(run.workspacePath, flow.targetPath),
      'utf8',
    );
    expectGolden('networkpolicy-allow.yaml', yaml);
    expect(validateManifests(yaml, 'golden')).toBe(3);
    expect(run.outputs.manifests).toBe(3);
  });

  it("renders only the baseline for a new service's namespace: default-deny, DNS egress allowed", async () => {
    const run = await runAction(action, {
      namespace: 'payments-notifier',
      targetPath: 'kubernetes/networkpolicy.yaml',
    });
    const yaml = await readFile(
      join(run.workspacePath, 'kubernetes/networkpolicy.yaml'),
      'utf8',
    );
    expectGolden('networkpolicy-baseline.yaml', yaml);
    expect(run.outputs.manifests).toBe(2);
  });

  it('refuses a manifest Kubernetes would refuse, before writing it', async () => {
    const run = await runAction(action, {
      ...flow,
      sourceCidrs: ['10.20.3.20/32'],
      ports: '443/tcp',
      annotations: { x: 1 as any },
    });
    expect(run.error?.message).toMatch(/is not valid: .*annotations/);
  });

  it('refuses a path outside the workspace', async () => {
    const run = await runAction(action, {
      ...flow,
      targetPath: '../../etc/evil.yaml',
    });
    expect(run.error?.message).toBe(
      '../../etc/evil.yaml is outside the task workspace',
    );
  });
});

describe('integrated-ops:kubernetes:validate', () => {
  it('fails on an invalid Deployment with the document and the violation', async () => {
    const action = createValidateKubernetesAction();
    const ok = await runAction(createRenderNetworkPolicyAction(), flow);
    const bad = join(ok.workspacePath, 'bad.yaml');
    await writeFile(
      bad,
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {replicas: "two"}\n',
    );
    const run = await runAction(
      action,
      { paths: [flow.targetPath, 'bad.yaml'] },
      { workspacePath: ok.workspacePath },
    );
    expect(run.error?.message).toMatch(
      /^bad\.yaml document 1 \(apps\/v1\/Deployment x\) is not valid: .*replicas/,
    );
    expect(run.log).toContain(`${flow.targetPath}: 3 manifests valid`);
  });
});

describe('integrated-ops:render:firewall-rule', () => {
  it('renders one tagged ingress rule per source CIDR and port as Terraform JSON', async () => {
    const run = await runAction(createRenderFirewallRuleAction(), {
      name: 'fraud-case-management-to-fraud-scoring-service',
      description: 'Case management reads scores',
      targetPath: 'change/terraform/rule.tf.json',
      sourceCidrs: ['10.20.3.20/32'],
      destinationCidrs: ['10.20.3.14/32'],
      destinationZone: 'pci',
      ports: '443/tcp, icmp',
      tags: { ExpiresAt: '2026-04-01', RequestedBy: 'user:default/guest' },
    });
    expect(run.error).toBeUndefined();
    const text = await readFile(
      join(run.workspacePath, 'change/terraform/rule.tf.json'),
      'utf8',
    );
    expectGolden('firewall-rule.tf.json', text);
    expect(run.outputs.rules).toBe(2);
  });
});

describe('integrated-ops:render:ci-controls', () => {
  it('renders the scanners chosen and records controls, exceptions and compliance', async () => {
    const run = await runAction(createRenderCiControlsAction(), {
      component: 'component:default/fraud-scoring-service',
      policyVersion: 'northbridge-change-policy@2026.12.1',
      controls: ['sast', 'dependency-scan', 'image-scan', 'secret-scan', 'tls'],
      exceptions: [
        {
          control: 'secrets-management',
          justification:
            'Vault migration scheduled in Q2, keys in HSM until then',
          expiresAt: '2026-05-01',
        },
      ],
      compliance: ['gdpr', 'soc2'],
      targetPath: 'svc',
    });
    expect(run.error).toBeUndefined();
    expect(run.outputs.files).toEqual([
      'svc/.github/workflows/security.yaml',
      'svc/security/controls.yaml',
    ]);
    expectGolden(
      'security-workflow.yaml',
      await readFile(
        join(run.workspacePath, 'svc/.github/workflows/security.yaml'),
        'utf8',
      ),
    );
    const workflowText = await readFile(
      join(run.workspacePath, 'svc/.github/workflows/security.yaml'),
      'utf8',
    );
    // Every third-party action pinned by a full commit SHA, its version beside it.
    const uses = workflowText
      .split('\n')
      .filter(l => /^\s*(- )?uses: /.test(l));
    expect(uses.length).toBeGreaterThan(0);
    for (const line of uses) {
      expect(line).toMatch(/uses: [\w./-]+@[0-9a-f]{40} # v[\d.]+$/);
    }
    await expectReportStepPosts(workflowText);
    expectGolden(
      'security-controls.yaml',
      await readFile(
        join(run.workspacePath, 'svc/security/controls.yaml'),
        'utf8',
      ),
    );
  });

  it('writes no workflow when no chosen control is a CI job', async () => {
    const run = await runAction(createRenderCiControlsAction(), {
      component: 'component:default/x',
      controls: ['tls', 'waf'],
    });
    expect(run.outputs.files).toEqual(['security/controls.yaml']);
  });
});

/**
 * Runs the workflow's first report step with bash, as the runner would,
 * against a local server: it posts the scanner's SARIF gzipped, with the
 * token, to the report route naming the component and the tool.
 */
async function expectReportStepPosts(workflowText: string) {
  const workflow = parse(workflowText);
  const step = workflow.jobs.sast.steps.find((s: any) =>
    String(s.name).startsWith('Report'),
  );
  const received: {
    url?: string;
    headers?: Record<string, unknown>;
    body?: string;
  } = {};
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      received.url = req.url;
      received.headers = req.headers;
      received.body = gunzipSync(Buffer.concat(chunks)).toString();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
  const dir = await mkdtemp(join(tmpdir(), 'report-step-'));
  await writeFile(join(dir, 'semgrep.sarif'), '{"version":"2.1.0","runs":[]}');
  try {
    const { port } = server.address() as AddressInfo;
    await promisify(execFile)('bash', ['-e', '-c', step.run], {
      cwd: dir,
      env: {
        ...process.env,
        PORTAL_URL: `http://127.0.0.1:${port}`,
        SECURITY_REPORTS_TOKEN: 'token-from-the-repository-secrets',
      },
    });
  } finally {
    server.close();
  }
  expect(received).toEqual({
    url: '/api/security-findings/reports?entity=component%3Adefault%2Ffraud-scoring-service&tool=semgrep&format=sarif',
    headers: expect.objectContaining({
      authorization: 'Bearer token-from-the-repository-secrets',
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    }),
    body: '{"version":"2.1.0","runs":[]}',
  });
}
