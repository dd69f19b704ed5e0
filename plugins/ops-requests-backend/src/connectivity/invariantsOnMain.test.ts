/*
 * The change policy's connectivity invariants checked on main as it is:
 * a real local infrastructure repository whose main was changed by hand.
 */
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
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
import { join } from 'path';
import { parse, stringify } from 'yaml';
import { POLICY_FILE } from '../__testUtils__/policyFile';
import { requestCatalog } from '../__testUtils__/requestCatalog';
import { checkInvariantsOnMain } from './invariantsOnMain';

async function setUp(files: Record<string, string>) {
  const policy = parse(await readFile(POLICY_FILE, 'utf8'));
  policy.spec.connectivity.invariants = [
    {
      id: 'pci-only-from-pci',
      description: 'PCI services are reached only from PCI zones',
      only: { to: { dataClass: 'pci' }, from: [{ zone: 'pci' }] },
    },
  ];
  const dir = await mkdtemp(join(tmpdir(), 'iop-main-inv-'));
  const policyFile = join(dir, 'policy.yaml');
  await writeFile(policyFile, stringify(policy));
  const git = new LocalGitRepositories(join(dir, 'git'));
  await git.ensure('infrastructure', '# infrastructure\n', files);
  const catalog = catalogServiceMock({ entities: requestCatalog });
  const sent: any[] = [];
  const check = () =>
    checkInvariantsOnMain({
      connectivity: new MainConnectivity({
        publisher: createChangePublisher(new ConfigReader({}), git),
        catalog,
      }),
      catalog,
      credentials: mockCredentials.service(),
      policyFile,
      notifications: { send: async n => void sent.push(n) },
      logger: mockServices.logger.mock(),
    });
  return { check, sent };
}

describe('connectivity invariants on main', () => {
  it("tells the destination's SecOps owner what main allows against an invariant, with one scope per violation", async () => {
    // The gateway's namespace lost its baseline (merged by hand): anything reaches it.
    const { check, sent } = await setUp({
      'kubernetes/default/namespace-baseline.yaml': toYamlDocuments(
        namespaceBaseline('default'),
      ),
    });
    const found = await check();
    // web's own namespace still isolates its egress: what reaches the
    // gateway is every address outside the cluster.
    expect(found.map(v => v.message)).toEqual([
      'pci-only-from-pci: 0.0.0.0-255.255.255.255 -> component:default/gateway All Connections (PCI services are reached only from PCI zones)',
    ]);
    for (const v of found) {
      expect(v.destination).toBe('component:default/gateway');
      expect(v.told).toBe('group:default/soc-t1');
    }
    expect(sent).toHaveLength(found.length);
    expect(sent[0]).toMatchObject({
      recipients: { type: 'entity', entityRef: 'group:default/soc-t1' },
      payload: {
        title: 'Connectivity invariant broken on main: pci-only-from-pci',
        severity: 'high',
        topic: 'ops-requests.connectivity-invariant',
      },
    });
    // The same violation has the same scope tomorrow: told once.
    const scopes = sent.map(n => n.payload.scope);
    expect(new Set(scopes).size).toBe(scopes.length);
    await check();
    expect(sent.slice(found.length).map(n => n.payload.scope)).toEqual(scopes);
  });

  it('finds nothing where main keeps the invariants (both namespaces isolated)', async () => {
    const { check, sent } = await setUp({
      'kubernetes/default/namespace-baseline.yaml': toYamlDocuments(
        namespaceBaseline('default'),
      ),
      'kubernetes/edge/namespace-baseline.yaml': toYamlDocuments(
        namespaceBaseline('edge'),
      ),
    });
    expect(await check()).toEqual([]);
    expect(sent).toEqual([]);
  });
});
