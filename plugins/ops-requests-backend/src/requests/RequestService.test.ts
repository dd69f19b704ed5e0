import { TestDatabases } from '@backstage/backend-test-utils';
import {
  ChangeIntent,
  changeIntentSchema,
  ChangeIntentInput,
} from '@integrated-ops/plugin-ops-requests-common';
import { GithubChangePublisher } from '@integrated-ops/plugin-ops-requests-node';
import { decider } from '../__testUtils__/teamClaims';
import { raj, RAJ, setupRequestService } from '../__testUtils__/requestService';

// Each case commits to a real git repository; a loaded 2-core runner needs more than 5 s.
jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const setup = (options: Parameters<typeof setupRequestService>[1] = {}) =>
  setupRequestService(databases, options);

type Ctx = Awaited<ReturnType<typeof setup>>;

const intent = (input: Partial<ChangeIntentInput> = {}): ChangeIntent =>
  changeIntentSchema.parse({
    kind: 'network-access',
    source: 'component:default/web',
    destination: 'component:default/gateway',
    ports: '443/tcp',
    justification: 'Reconciliation reads the gateway API',
    expiresAt: '2026-03-10',
    ...input,
  });

const MANIFEST = 'kubernetes/edge/allow-web-to-gateway.yaml';

describe('RequestService: the backend derives what gates a change', () => {
  it('judges the intent, names approvers from the destination, and commits the change it rendered', async () => {
    const { service, git, sent } = await setup();
    const created = await service.create(intent(), raj);
    expect(created).toMatchObject({
      kind: 'network-access',
      title:
        'Network access: component:default/web -> component:default/gateway (443/tcp)',
      state: 'pending',
      requestedBy: RAJ,
      targets: ['component:default/gateway', 'component:default/web'],
      requiredApprovals: ['netops', 'secops'],
      approvers: {
        netops: 'group:default/netops-edge',
        secops: 'group:default/soc-t1',
      },
      policy: { version: 'northbridge-change-policy@2026.12.7' },
      expiresAt: '2026-03-10T00:00:00.000Z',
      change: {
        provider: 'local',
        repository: 'infrastructure',
        branch: `change/${created.id}`,
      },
      intent: { source: 'component:default/web' },
    });
    expect(created.policy.results.every(r => r.passed)).toBe(true);
    // The commit on the branch is the one recorded, and holds the rendered change.
    expect(await git.branchHead('infrastructure', created.change.branch)).toBe(
      created.change.commit,
    );
    const reviewed = await service.review(created);
    expect(Object.keys(reviewed.change.files)).toEqual([
      MANIFEST,
      'terraform/web-to-gateway.tf.json',
    ]);
    expect(reviewed.change.files[MANIFEST]).toContain('cidr: 10.20.1.0/24');
    expect(sent).toContain(
      `Approval needed: ${created.title} -> group:default/netops-edge,group:default/soc-t1`,
    );
  });

  it('refuses what the policy refuses, naming each rule, and commits nothing', async () => {
    const { service, branches } = await setup();
    const before = await branches();
    await expect(
      service.create(
        intent({ source: 'resource:default/seg-corp', ports: '22/tcp' }),
        raj,
      ),
    ).rejects.toThrow(
      /^Refused by policy northbridge-change-policy@2026\.12\.7: cidr-breadth: 10\.0\.0\.0\/8 \(resource:default\/seg-corp\) is broader than \/24.*; ports-per-zone: 22\/tcp not allowed into zone "default"/,
    );
    await expect(
      service.create(intent({ expiresAt: undefined }), raj),
    ).rejects.toThrow(
      'production-expiry: production changes need an expiry (at most 90 days)',
    );
    expect(await branches()).toEqual(before);
  });

  it('refuses an expiry that is not in the future', async () => {
    const { service } = await setup();
    await expect(
      service.create(intent({ expiresAt: '2026-03-01' }), raj),
    ).rejects.toThrow(
      'expiresAt: 2026-03-01T00:00:00.000Z is not in the future',
    );
  });

  it('sends a flow into a PCI database to the database’s NetOps owner and to SecOps', async () => {
    const { service } = await setup();
    const created = await service.create(
      intent({
        destination: 'resource:default/cases-db',
        ports: '5432/tcp',
      }),
      raj,
    );
    expect(created.approvers).toEqual({
      netops: 'group:default/netops-dc',
      secops: 'group:default/soc-t1',
    });
    const secops = created.policy.results.find(
      r => r.rule === 'secops-involvement',
    );
    expect(secops?.message).toContain('PCI data');
  });

  it('leaves no branch behind when the request cannot be stored', async () => {
    const { service, branches } = await setup({
      store: store => ({
        ...store,
        create: async () => {
          throw new Error('database unavailable');
        },
      }),
    });
    await expect(service.create(intent(), raj)).rejects.toThrow(
      'database unavailable',
    );
    expect(await branches()).toEqual(['main']);
  });

  it('sweeps change branches no request names once they are ten minutes old', async () => {
    const { service, git, clock, branches, store } = await setup();
    const filed = await service.create(intent(), raj);
    await git.publishBranch({
      repository: 'infrastructure',
      branch: 'change/cr-20260302-0rphan',
      files: { 'a.yaml': 'a\n' },
      message: 'a run that died before its request was stored',
      author: { name: 'x', email: 'x@bank.example' },
    });
    clock.now = new Date(Date.now() + 60_000);
    expect(await service.sweepOrphanBranches()).toEqual([]);
    clock.now = new Date(Date.now() + 11 * 60_000);
    expect(await service.sweepOrphanBranches()).toEqual([
      'change/cr-20260302-0rphan',
    ]);
    expect(await branches()).toEqual(
      [filed.change.branch, await baselineBranch(store), 'main'].sort(),
    );
  });

  it('merges only the reviewed commit: a branch that moved is refused and recorded', async () => {
    const { service, git, store } = await setup();
    const created = await service.create(intent(), raj);
    // Someone with push access replaces the branch after it was filed.
    await git.deleteBranch('infrastructure', created.change.branch);
    await git.publishBranch({
      repository: 'infrastructure',
      branch: created.change.branch,
      files: { 'kubernetes/open-everything.yaml': 'kind: NetworkPolicy\n' },
      message: 'sneaky',
      author: { name: 'x', email: 'x@bank.example' },
    });
    // Approvers are shown the reviewed commit, not what the branch holds now.
    const reviewed = await service.review((await store.get(created.id))!);
    expect(Object.keys(reviewed.change.files)).toContain(MANIFEST);
    await service.approve(created.id, decider('user:default/ana'));
    const after = await service.approve(
      created.id,
      decider('user:default/lucas'),
    );
    expect(after.state).toBe('approved');
    expect((await store.audit(created.id)).pop()).toMatchObject({
      action: 'apply-refused',
      reason: expect.stringMatching(
        /moved to [0-9a-f]{12} since [0-9a-f]{12} was reviewed; nothing was merged$/,
      ),
    });
    await expect(
      git.show('infrastructure', 'main', 'kubernetes/open-everything.yaml'),
    ).rejects.toThrow();
  });

  it('deletes the branch of a rejected request', async () => {
    const { service, branches, store } = await setup();
    const created = await service.create(intent(), raj);
    await service.reject(
      created.id,
      'user:default/lucas',
      'not while the incident is open',
    );
    // The namespace baseline it asked for is its own request, still open.
    expect(await branches()).toEqual([await baselineBranch(store), 'main']);
  });
});

/** The branch of the namespace baseline request the first access request filed. */
async function baselineBranch(store: Ctx['store']) {
  const [baseline] = (await store.list({})).filter(
    r => r.kind === 'namespace-baseline',
  );
  return baseline.change.branch;
}

async function grant(ctx: Ctx, expiresAt: string) {
  const created = await ctx.service.create(intent({ expiresAt }), raj);
  await ctx.service.approve(created.id, decider('user:default/ana'));
  return ctx.service.approve(created.id, decider('user:default/lucas'));
}

describe('RequestService expiry and re-certification (fixed clock)', () => {
  it('revokes expired access through git, and expires requests nobody approved in time', async () => {
    const ctx = await setup();
    const { service, git, clock, store, sent, branches } = ctx;
    const applied = await grant(ctx, '2026-03-10');
    expect(applied.state).toBe('applied');
    expect(await git.show('infrastructure', 'main', MANIFEST)).toContain(
      'kind: NetworkPolicy',
    );
    const stale = await service.create(
      intent({ expiresAt: '2026-03-05' }),
      raj,
    );

    clock.now = new Date('2026-03-04T00:00:00Z');
    expect(await service.expireDue()).toEqual([]);

    clock.now = new Date('2026-03-06T00:00:00Z');
    expect(await service.expireDue()).toEqual([stale.id]);
    expect((await store.get(stale.id))!.state).toBe('expired');
    expect(await branches()).not.toContain(stale.change.branch);

    clock.now = new Date('2026-03-10T00:00:01Z');
    expect(await service.expireDue()).toEqual([applied.id]);
    const revoked = (await store.get(applied.id))!;
    expect(revoked).toMatchObject({
      state: 'revoked',
      revokedAt: '2026-03-10T00:00:01.000Z',
    });
    // Removed from main through a revoke branch; the request's record stays.
    await expect(
      git.show('infrastructure', 'main', MANIFEST),
    ).rejects.toThrow();
    expect(
      await git.show(
        'infrastructure',
        'main',
        `change-requests/${applied.id}.yaml`,
      ),
    ).toContain(`id: ${applied.id}`);
    const audit = await store.audit(applied.id);
    expect(audit.pop()).toMatchObject({
      action: 'revoked',
      actor: 'ops-requests:portal',
      fromState: 'applied',
      toState: 'revoked',
      reason: expect.stringMatching(
        new RegExp(
          `^expired 2026-03-10T00:00:00.000Z: merged revoke/${applied.id} into main as [0-9a-f]{12}$`,
        ),
      ),
    });
    expect(sent).toContain(
      `Revoked: ${applied.title} -> ${RAJ},group:default/netops-edge,group:default/soc-t1`,
    );
    // Nothing left to do.
    expect(await service.expireDue()).toEqual([]);
  });

  it('asks the approving teams to re-certify long-lived grants, once per period', async () => {
    const ctx = await setup();
    const { service, clock, sent } = ctx;
    const applied = await grant(ctx, '2026-05-30');

    clock.now = new Date('2026-03-30T12:00:00Z');
    expect(await service.requestRecertification(60)).toEqual([]);
    clock.now = new Date('2026-05-02T12:00:00Z');
    expect(await service.requestRecertification(60)).toEqual([applied.id]);
    expect(sent).toContain(
      `Re-certify: ${applied.title} -> group:default/netops-edge,group:default/soc-t1`,
    );
    expect(await service.requestRecertification(60)).toEqual([]);
  });

  it('refuses a target that is not in the catalog', async () => {
    const ctx = await setup();
    await expect(
      ctx.service.create(
        intent({ destination: 'component:default/nope' }),
        raj,
      ),
    ).rejects.toThrow(
      'destination: component:default/nope is not in the catalog',
    );
  });

  it('merges a pull request only at the reviewed SHA; one GitHub refuses expires, and its branch goes', async () => {
    // GitHub answers the merge (PUT .../pulls/9/merge with the reviewed sha)
    // with 409: someone pushed to the pull request after it was filed.
    const request = jest.fn(async (route: string, _params: object) => {
      if (route.startsWith('PUT')) {
        throw Object.assign(
          new Error(
            'Head branch was modified. Review and try the merge again.',
          ),
          { status: 409 },
        );
      }
      return {};
    });
    // GitHub's API stands behind the client the publisher is given.
    const github = new GithubChangePublisher(
      'https://github.example/bank/infra',
      async () => ({
        createPullRequest: async () => ({
          data: {
            html_url: 'https://github.example/bank/infra/pull/9',
            head: { sha: 'a'.repeat(40) },
          },
        }),
        request,
      }),
    );
    const ctx = await setup({ publisher: () => github });
    const created = await ctx.service.create(
      intent({ destination: 'resource:default/cases-db', ports: '5432/tcp' }),
      raj,
    );
    expect(created.change).toMatchObject({
      provider: 'github',
      commit: 'a'.repeat(40),
    });
    await ctx.service.approve(created.id, decider('user:default/omar'));
    const approved = await ctx.service.approve(
      created.id,
      decider('user:default/lucas'),
    );
    expect(approved.state).toBe('approved');
    expect(request).toHaveBeenCalledWith(
      'PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge',
      expect.objectContaining({ pull_number: 9, sha: 'a'.repeat(40) }),
    );
    expect((await ctx.store.audit(created.id)).pop()).toMatchObject({
      action: 'apply-refused',
      reason: expect.stringContaining('Head branch was modified'),
    });
    ctx.clock.now = new Date('2026-03-11T00:00:00Z');
    expect(await ctx.service.expireDue()).toEqual([created.id]);
    expect(await ctx.store.get(created.id)).toMatchObject({ state: 'expired' });
    // The pull request's branch is deleted with it.
    expect(request).toHaveBeenCalledWith(
      'DELETE /repos/{owner}/{repo}/git/refs/{ref}',
      { owner: 'bank', repo: 'infra', ref: `heads/${created.change.branch}` },
    );
  });
});
