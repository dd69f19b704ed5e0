/*
 * A namespace's baseline (default-deny with DNS egress) is its own reviewed
 * change, filed only while the infrastructure repository holds none for that
 * namespace; an access request holds only the access asked for.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { changeIntentSchema } from '@integrated-ops/plugin-ops-requests-common';
import { parseAllDocuments } from 'yaml';
import { raj, setupRequestService } from '../__testUtils__/requestService';
import { decider } from '../__testUtils__/teamClaims';

// Each case commits to a real git repository; a loaded 2-core runner needs more than 5 s.
jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const BASELINE = 'kubernetes/edge/namespace-baseline.yaml';

const access = (ports = '443/tcp') =>
  changeIntentSchema.parse({
    kind: 'network-access',
    source: 'component:default/web',
    destination: 'component:default/gateway',
    ports,
    justification: 'Checkout talks to the gateway API',
    expiresAt: '2026-03-30',
  });

describe('namespace baselines', () => {
  it('are filed once per namespace as their own request, for the destination’s NetOps team', async () => {
    const { service, store, git, sent } = await setupRequestService(databases);
    const first = await service.create(access('443/tcp'), raj);
    expect(Object.keys(first.change.files)).not.toContain(BASELINE);

    const [baseline] = (await store.list({})).filter(
      r => r.kind === 'namespace-baseline',
    );
    expect(baseline).toMatchObject({
      title: 'Namespace baseline: edge',
      state: 'pending',
      requiredApprovals: ['netops'],
      approvers: { netops: 'group:default/netops-edge' },
      requestedBy: 'user:default/raj',
    });
    const manifests = parseAllDocuments(
      await git.show('infrastructure', baseline.change.commit, BASELINE),
    ).map(d => d.toJS());
    expect(manifests.map(m => [m.metadata.name, m.spec.policyTypes])).toEqual([
      ['default-deny-all', ['Ingress', 'Egress']],
      ['allow-dns-egress', ['Egress']],
    ]);
    expect(sent).toContain(
      'Approval needed: Namespace baseline: edge -> group:default/netops-edge',
    );
    expect(
      (await store.audit(first.id)).map(a => a.reason).join(' '),
    ).toContain(
      `edge holds no baseline on main: ${baseline.id} asks NetOps to review it on its own`,
    );

    // A second request while it waits: no second baseline.
    const second = await service.create(access('443/tcp'), raj);
    expect(
      (await store.list({})).filter(r => r.kind === 'namespace-baseline'),
    ).toHaveLength(1);
    expect((await store.audit(second.id)).map(a => a.reason)).toContain(
      `the namespace baseline for edge waits in ${baseline.id}`,
    );

    // Once it is on main, nothing more is filed.
    await service.approve(baseline.id, decider('user:default/ana'));
    expect((await service.get(baseline.id)).state).toBe('applied');
    await git.show('infrastructure', 'main', BASELINE);
    await service.create(access('443/tcp'), raj);
    expect(
      (await store.list({})).filter(r => r.kind === 'namespace-baseline'),
    ).toHaveLength(1);
  });
});
