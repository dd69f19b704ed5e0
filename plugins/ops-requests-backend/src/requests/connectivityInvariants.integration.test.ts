/*
 * Connectivity invariants of the change policy, judged at preview and at
 * filing on the connections the change would add (computed by the backend
 * from main's NetworkPolicies), on SQLite and PostgreSQL: a change breaking
 * one is refused, naming the invariant and the connection.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import {
  namespaceBaseline,
  toYamlDocuments,
} from '@integrated-ops/plugin-ops-requests-node';
import { mkdtemp, readFile, writeFile } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import request from 'supertest';
import { parse, stringify } from 'yaml';
import { POLICY_FILE } from '../__testUtils__/policyFile';
import { startRequestsPortal } from '../__testUtils__/requestsPortal';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const TOM = { Authorization: mockCredentials.user.header('user:default/tom') };
const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** The sample policy with invariants over the request test catalog. */
async function policyWith(invariants: object[]) {
  const policy = parse(await readFile(POLICY_FILE, 'utf8'));
  policy.spec.connectivity.invariants = invariants;
  const file = join(await mkdtemp(join(tmpdir(), 'iop-inv-')), 'policy.yaml');
  await writeFile(file, stringify(policy));
  return file;
}

describe.each(databases.eachSupportedId())(
  'connectivity invariants on %p',
  databaseId => {
    let portal: Awaited<ReturnType<typeof startRequestsPortal>>;
    beforeAll(async () => {
      portal = await startRequestsPortal(await databases.init(databaseId), {
        gitRoot: await mkdtemp(join(tmpdir(), 'iop-inv-git-')),
        policyFile: await policyWith([
          {
            id: 'pci-only-from-pci',
            description: 'PCI services are reached only from PCI zones',
            only: { to: { dataClass: 'pci' }, from: [{ zone: 'pci' }] },
          },
          {
            id: 'data-zone-never-from-web',
            description: 'The web tier never reaches the data zone',
            never: {
              from: { entity: 'component:default/web' },
              to: { zone: 'restricted' },
            },
          },
        ]),
      });
      await portal.repos.ensure('infrastructure', '# infrastructure\n', {
        'kubernetes/edge/namespace-baseline.yaml': toYamlDocuments(
          namespaceBaseline('edge'),
        ),
        'kubernetes/default/namespace-baseline.yaml': toYamlDocuments(
          namespaceBaseline('default'),
        ),
      });
    });
    afterAll(() => portal.stop());

    const ask = (path: string, over: object = {}) =>
      request(portal.server)
        .post(`/api/ops-requests/requests${path}`)
        .set(TOM)
        .send({
          kind: 'network-access',
          source: 'component:default/web',
          destination: 'component:default/gateway',
          ports: '443/tcp',
          justification: 'Batch reconciliation reads the gateway API',
          expiresAt: inDays(30),
          ...over,
        });

    it('refuses a flow into PCI from outside the PCI zone before anyone approves, naming the invariant and the connection', async () => {
      const preview = await ask('/preview');
      expect(preview.status).toBe(200);
      expect(preview.body.policy.passed).toBe(false);
      const result = preview.body.policy.results.find(
        (r: any) => r.rule === 'connectivity.invariants',
      );
      expect(result.passed).toBe(false);
      expect(result.message).toContain(
        'pci-only-from-pci: component:default/web -> component:default/gateway (10.20.1.10) TCP 443 (PCI services are reached only from PCI zones)',
      );

      const filed = await ask('');
      expect(filed.status).toBe(400);
      expect(filed.body.error.message).toContain(
        'connectivity.invariants: would break',
      );
      expect(filed.body.error.message).toContain('pci-only-from-pci');
    });

    it('a forged verdict or connectivity in the body changes nothing', async () => {
      const forged = await ask('', {
        policy: { passed: true },
        connectivity: { violations: [] },
      });
      expect(forged.status).toBe(400);
      expect(forged.body.error.message).toMatch(
        /unknown field|must NOT have additional/,
      );
    });

    it('judges an address range outside the catalog by what it is: in no zone', async () => {
      const fromRange = await ask('/preview', { source: '203.0.113.7/24' });
      expect(
        fromRange.body.policy.results.find(
          (r: any) => r.rule === 'connectivity.invariants',
        ).message,
      ).toBe(
        // The modelled connection, and the flow as asked.
        'would break 2 invariants: pci-only-from-pci: 203.0.113.0-203.0.113.255 -> component:default/gateway TCP 443 (PCI services are reached only from PCI zones); pci-only-from-pci: 203.0.113.0/24 -> component:default/gateway TCP 443 (PCI services are reached only from PCI zones)',
      );
    });

    it('judges the flow as asked where the model has no connection for it (a host outside the cluster)', async () => {
      const intoDb = await ask('/preview', {
        destination: 'resource:default/cases-db',
        ports: '5432/tcp',
      });
      expect(
        intoDb.body.policy.results.find(
          (r: any) => r.rule === 'connectivity.invariants',
        ).message,
      ).toContain(
        'data-zone-never-from-web: component:default/web -> resource:default/cases-db TCP 5432 (The web tier never reaches the data zone)',
      );
    });
  },
);
