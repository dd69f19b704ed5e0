/*
 * A real local infrastructure repository and the repository's change policy
 * with one invariant: main's network read into each component's facts.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  createChangePublisher,
  LocalGitRepositories,
  MainConnectivity,
  namespaceBaseline,
  toYamlDocuments,
} from '@integrated-ops/plugin-ops-requests-node';
import { mkdtemp, readFile, writeFile } from 'fs/promises';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { parse, stringify } from 'yaml';
import { readConnectivityFacts } from './readConnectivityFacts';

const component = (name: string, spec: Entity['spec'], tags?: string[]) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', tags },
  spec: { type: 'service', owner: 'team', ...spec },
});

// The gateway handles PCI data in the edge namespace; web runs in default.
const catalog: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'seg-dmz', namespace: 'default' },
    spec: { type: 'network-segment', network: { cidrs: ['10.20.1.0/24'] } },
  },
  component('gateway', { system: 'edge', network: { segment: 'seg-dmz' } }, [
    'pci',
  ]),
  component('web', { network: { segment: 'seg-dmz' } }),
];

/** An access rule into the gateway from web, ending at `expiresAt`. */
const allowWebToGateway = (name: string, expiresAt: string) => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: edge
  annotations:
    integrated-ops.io/expires-at: '${expiresAt}'
spec:
  podSelector: { matchLabels: { app.kubernetes.io/name: gateway } }
  policyTypes: [Ingress]
  ingress:
    - from:
        - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: default } }
          podSelector: { matchLabels: { app.kubernetes.io/name: web } }
      ports: [{ port: 8443, protocol: TCP }]
`;

const now = new Date('2026-12-07T06:00:00Z');

async function setUp(
  files: Record<string, string>,
  options: { mainListed?: boolean } = {},
) {
  const policy = parse(
    await readFile(
      resolve(__dirname, '../../../policies/change-policy.yaml'),
      'utf8',
    ),
  );
  policy.spec.connectivity.invariants = [
    {
      id: 'pci-only-from-pci',
      description: 'PCI services are reached only from PCI zones',
      only: { to: { dataClass: 'pci' }, from: [{ zone: 'pci' }] },
    },
  ];
  const dir = await mkdtemp(join(tmpdir(), 'iop-ti-conn-'));
  const policyFile = join(dir, 'policy.yaml');
  await writeFile(policyFile, stringify(policy));
  const git = new LocalGitRepositories(join(dir, 'git'));
  await git.ensure('infrastructure', '# infrastructure\n', files);
  const publisher = createChangePublisher(new ConfigReader({}), git);
  if (options.mainListed === false) {
    // As the GitHub and GitLab publishers answer: main cannot be listed.
    jest.spyOn(publisher, 'filesOnMain').mockResolvedValue(null);
  }
  const catalogService = catalogServiceMock({ entities: catalog });
  return () =>
    readConnectivityFacts({
      main: new MainConnectivity({ publisher, catalog: catalogService }),
      catalog: catalogService,
      credentials: mockCredentials.service(),
      policyFile,
      now: () => now,
    });
}

describe('readConnectivityFacts', () => {
  it("gives each component its baseline, expired access rules and invariant violations from main's network", async () => {
    const read = await setUp({
      'kubernetes/edge/namespace-baseline.yaml': toYamlDocuments(
        namespaceBaseline('edge'),
      ),
      'kubernetes/edge/allow-web-to-gateway.yaml': allowWebToGateway(
        'allow-web-to-gateway',
        '2026-11-30',
      ),
      // Ends at the close of today: still open at 06:00 UTC.
      'kubernetes/edge/allow-web-to-gateway-today.yaml': allowWebToGateway(
        'allow-web-to-gateway-today',
        '2026-12-07',
      ),
    });
    const facts = await read();
    const of = (name: string) => facts.find(f => f.entity.name === name)?.facts;
    expect(facts.map(f => f.entity.name).sort()).toEqual(['gateway', 'web']);
    expect(of('gateway')).toMatchObject({
      workloads: 1,
      baseline: true,
      expiredRules: 1,
      // web (DMZ, not PCI) reaches the PCI gateway on 8443
      invariantViolations: 1,
      retrievedAt: now.toISOString(),
    });
    expect(of('gateway')!.mainCommit).toMatch(/^[0-9a-f]{40}$/);
    // default has no baseline: web is open both ways, and no invariant judges it
    expect(of('web')).toMatchObject({
      workloads: 1,
      baseline: false,
      expiredRules: 0,
      invariantViolations: 0,
    });
  });

  it('writes nothing when main cannot be listed (the last facts stay)', async () => {
    const read = await setUp({}, { mainListed: false });
    await expect(read()).rejects.toThrow(
      "The infrastructure repository's main cannot be read",
    );
  });
});
