import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { validateManifests } from '../render/validateManifests';
import { renderNetworkAccess } from './renderChange';
import { ResolvedTarget, TargetResolver } from './TargetResolver';

/** Compares with a reviewed file in __golden__ (UPDATE_GOLDEN=1 rewrites it). */
function expectGolden(name: string, actual: string) {
  const file = join(__dirname, '__golden__', name);
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, actual);
  if (!existsSync(file)) throw new Error(`no golden file ${name}`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

const target = (
  name: string,
  more: Partial<ResolvedTarget> = {},
): ResolvedTarget => ({
  entityRef: `component:default/${name}`,
  entity: {} as Entity,
  name,
  cidrs: ['10.20.3.0/24'],
  production: true,
  dataClasses: [],
  namespace: 'fraud-detection',
  owners: {},
  ...more,
});

const EDGE = 'resource:default/k8s-prod-edge';
const scoring = target('fraud-scoring-service', { cluster: EDGE });
const render = (source: ResolvedTarget, sourceEgressIsolated = false) => {
  const files = renderNetworkAccess({
    source,
    destination: scoring,
    ports: [{ protocol: 'tcp', from: 443, to: 443 }],
    justification: 'Analysts need fraud scores in the case view',
    expiresAt: '2026-12-31',
    requestedBy: 'user:default/guest',
    sourceEgressIsolated,
  });
  const path = `kubernetes/fraud-detection/allow-${source.name}-to-fraud-scoring-service.yaml`;
  return { files, manifest: files[path] };
};

describe('renderNetworkAccess', () => {
  it('allows a source on the same cluster by its namespace and pod labels, and nothing else', () => {
    const { manifest } = render(
      target('case-management-ui', {
        namespace: 'case-management',
        cluster: EDGE,
      }),
    );
    expectGolden('network-access-in-cluster.yaml', manifest);
    const docs = parseAllDocuments(manifest).map(d => d.toJS());
    // Only the access asked for: no namespace-wide default-deny riding along.
    expect(docs.map(d => d.metadata.name)).toEqual([
      'allow-case-management-ui-to-fraud-scoring-service',
    ]);
    expect(docs[0].spec.policyTypes).toEqual(['Ingress']);
    expect(validateManifests(manifest, 'golden')).toBe(1);
  });

  it('allows a source outside the cluster by its address ranges', () => {
    const { manifest, files } = render(
      target('branch-reporting', { cidrs: ['192.168.40.0/24'] }),
    );
    expectGolden('network-access-outside-cluster.yaml', manifest);
    expect(parseAllDocuments(manifest)[0].toJS().spec.ingress[0].from).toEqual([
      { ipBlock: { cidr: '192.168.40.0/24' } },
    ]);
    expect(validateManifests(manifest, 'golden')).toBe(1);
    expect(Object.keys(files)).toEqual([
      'kubernetes/fraud-detection/allow-branch-reporting-to-fraud-scoring-service.yaml',
      'terraform/branch-reporting-to-fraud-scoring-service.tf.json',
    ]);
  });

  it('allows a source on another cluster by its address ranges, not by labels that cluster cannot see', () => {
    const { manifest } = render(
      target('model-trainer', {
        cidrs: ['10.30.8.0/24'],
        cluster: 'resource:default/k8s-prod-ml',
      }),
    );
    expect(parseAllDocuments(manifest)[0].toJS().spec.ingress[0].from).toEqual([
      { ipBlock: { cidr: '10.30.8.0/24' } },
    ]);
  });
});

describe('renderNetworkAccess: the source half', () => {
  const ui = target('case-management-ui', {
    namespace: 'case-management',
    cluster: EDGE,
  });
  const EGRESS =
    'kubernetes/case-management/allow-case-management-ui-to-fraud-scoring-service-egress.yaml';

  it('adds the egress rule in the source namespace when main isolates its egress, to the destination pods on the asked ports only', () => {
    const { files } = render(ui, true);
    expect(Object.keys(files)).toEqual([
      'kubernetes/fraud-detection/allow-case-management-ui-to-fraud-scoring-service.yaml',
      EGRESS,
      'terraform/case-management-ui-to-fraud-scoring-service.tf.json',
    ]);
    const [egress] = parseAllDocuments(files[EGRESS]).map(d => d.toJS());
    expect(egress.metadata).toMatchObject({
      name: 'allow-case-management-ui-to-fraud-scoring-service-egress',
      namespace: 'case-management',
      annotations: { 'integrated-ops.io/expires-at': '2026-12-31' },
    });
    expect(egress.spec).toEqual({
      podSelector: {
        matchLabels: { 'app.kubernetes.io/name': 'case-management-ui' },
      },
      policyTypes: ['Egress'],
      egress: [
        {
          to: [
            {
              namespaceSelector: {
                matchLabels: {
                  'kubernetes.io/metadata.name': 'fraud-detection',
                },
              },
              podSelector: {
                matchLabels: {
                  'app.kubernetes.io/name': 'fraud-scoring-service',
                },
              },
            },
          ],
          ports: [{ protocol: 'TCP', port: 443 }],
        },
      ],
    });
    expect(validateManifests(files[EGRESS], 'egress')).toBe(1);
  });

  it('adds none where egress is open (a first Egress policy would cut every other egress), or for a range outside the catalog', () => {
    expect(Object.keys(render(ui, false).files)).not.toContain(EGRESS);
    const range = target('partner', {
      cidrs: ['203.0.113.0/24'],
      namespace: '',
    });
    expect(
      Object.keys(render(range, true).files).filter(p =>
        p.endsWith('-egress.yaml'),
      ),
    ).toEqual([]);
  });

  it('writes no NetworkPolicy for ICMP alone: one without ports would allow every port', () => {
    const files = renderNetworkAccess({
      source: ui,
      destination: scoring,
      ports: [{ protocol: 'icmp' }],
      justification: 'Ping the scoring service from the case view',
      expiresAt: '2026-12-31',
      requestedBy: 'user:default/guest',
      sourceEgressIsolated: true,
    });
    expect(Object.keys(files)).toEqual([
      'terraform/case-management-ui-to-fraud-scoring-service.tf.json',
    ]);
  });

  it('sends to the destination by its addresses from another cluster', () => {
    const trainer = target('model-trainer', {
      namespace: 'ml-platform',
      cidrs: ['10.30.8.0/24'],
      cluster: 'resource:default/k8s-prod-ml',
    });
    const { files } = render(trainer, true);
    const path =
      'kubernetes/ml-platform/allow-model-trainer-to-fraud-scoring-service-egress.yaml';
    expect(parseAllDocuments(files[path])[0].toJS().spec.egress[0].to).toEqual([
      { ipBlock: { cidr: '10.20.3.0/24' } },
    ]);
  });
});

describe('TargetResolver: the cluster a workload runs on', () => {
  const entity = (kind: string, name: string, spec: object): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec: spec as Entity['spec'],
  });
  const catalog = catalogServiceMock({
    entities: [
      entity('Resource', 'k8s-prod-edge', { type: 'kubernetes-cluster' }),
      entity('Resource', 'fraud-cases-db', { type: 'database' }),
      entity('Component', 'scoring', {
        type: 'service',
        dependsOn: [
          'resource:fraud-cases-db',
          'resource:default/k8s-prod-edge',
        ],
      }),
      entity('Component', 'batch', {
        type: 'service',
        dependsOn: ['resource:default/fraud-cases-db'],
      }),
    ],
  });
  const resolver = new TargetResolver(catalog, mockCredentials.user());

  it('is the kubernetes-cluster Resource it depends on', async () => {
    expect((await resolver.resolve('component:default/scoring')).cluster).toBe(
      EDGE,
    );
  });

  it('is none for what depends on no cluster', async () => {
    expect(
      (await resolver.resolve('component:default/batch')).cluster,
    ).toBeUndefined();
  });
});
