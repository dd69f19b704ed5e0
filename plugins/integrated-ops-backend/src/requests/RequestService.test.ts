import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { LocalGitRepositories } from '@internal/plugin-integrated-ops-node';
import { mkdtemp } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import { OwnershipIndex } from '../index/OwnershipIndex';
import { requestCatalog as catalog } from '../__testUtils__/requestCatalog';
import { DatabaseRequestStore, MIGRATIONS_DIR } from './DatabaseRequestStore';
import { RequestService } from './RequestService';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

async function setup() {
  const knex = await databases.init('SQLITE_3');
  await knex.migrate.latest({ directory: MIGRATIONS_DIR });
  const store = new DatabaseRequestStore(knex);
  const git = new LocalGitRepositories(
    await mkdtemp(join(tmpdir(), 'iop-svc-git-')),
  );
  await git.ensure('infrastructure', '# infra\n');
  const clock = { now: new Date('2026-03-02T12:00:00Z') };
  const sent: string[] = [];
  const service = new RequestService({
    store,
    git,
    index: () => OwnershipIndex.build(catalog),
    logger: mockServices.logger.mock(),
    notifications: {
      send: async n =>
        void sent.push(
          `${n.payload.title} -> ${[
            n.recipients.type === 'entity'
              ? n.recipients.entityRef
              : 'broadcast',
          ]
            .flat()
            .join(',')}`,
        ),
    },
    now: () => clock.now,
  });
  return { store, git, clock, service, sent };
}

async function requestAccess(
  { git, service }: Awaited<ReturnType<typeof setup>>,
  id: string,
  expiresAt: string,
) {
  await git.publishBranch({
    repository: 'infrastructure',
    branch: `change/${id}`,
    files: {
      [`kubernetes/${id}.yaml`]: 'kind: NetworkPolicy\n',
      [`change-requests/${id}.yaml`]: `id: ${id}\n`,
    },
    message: 'Network access',
    author: { name: 'Raj', email: 'raj@bank.example' },
  });
  return service.create(
    {
      kind: 'network-access',
      title: `Flow ${id}`,
      description: 'reconciliation',
      targets: ['component:default/gateway'],
      change: {
        provider: 'local',
        repository: 'infrastructure',
        branch: `change/${id}`,
        commit: 'c',
        url: 'local',
        files: {
          [`kubernetes/${id}.yaml`]: 'kind: NetworkPolicy\n',
          [`change-requests/${id}.yaml`]: `id: ${id}\n`,
        },
      },
      policy: { version: 'p@1', results: [] },
      requiredApprovals: ['netops', 'secops'],
      expiresAt,
    },
    'user:default/raj',
  );
}

describe('RequestService expiry and re-certification (fixed clock)', () => {
  it('revokes expired access through git, and expires requests nobody approved in time', async () => {
    const ctx = await setup();
    const { service, git, clock, store, sent } = ctx;
    await requestAccess(ctx, 'cr-20260302-grant1', '2026-03-10');
    await requestAccess(ctx, 'cr-20260302-stale1', '2026-03-05');
    await service.approve('cr-20260302-grant1', 'user:default/ana');
    const applied = await service.approve(
      'cr-20260302-grant1',
      'user:default/lucas',
    );
    expect(applied.state).toBe('applied');
    expect(
      await git.show(
        'infrastructure',
        'main',
        'kubernetes/cr-20260302-grant1.yaml',
      ),
    ).toBe('kind: NetworkPolicy\n');

    clock.now = new Date('2026-03-04T00:00:00Z');
    expect(await service.expireDue()).toEqual([]);

    clock.now = new Date('2026-03-06T00:00:00Z');
    expect(await service.expireDue()).toEqual(['cr-20260302-stale1']);
    expect((await store.get('cr-20260302-stale1'))!.state).toBe('expired');

    clock.now = new Date('2026-03-10T00:00:01Z');
    expect(await service.expireDue()).toEqual(['cr-20260302-grant1']);
    const revoked = (await store.get('cr-20260302-grant1'))!;
    expect(revoked).toMatchObject({
      state: 'revoked',
      revokedAt: '2026-03-10T00:00:01.000Z',
    });
    // Removed from main through a revoke branch; the request's record stays.
    await expect(
      git.show('infrastructure', 'main', 'kubernetes/cr-20260302-grant1.yaml'),
    ).rejects.toThrow();
    expect(
      await git.show(
        'infrastructure',
        'main',
        'change-requests/cr-20260302-grant1.yaml',
      ),
    ).toBe('id: cr-20260302-grant1\n');
    const audit = await store.audit('cr-20260302-grant1');
    expect(audit.pop()).toMatchObject({
      action: 'revoked',
      actor: 'integrated-ops:portal',
      fromState: 'applied',
      toState: 'revoked',
      reason: expect.stringMatching(
        /^expired 2026-03-10: merged revoke\/cr-20260302-grant1 into main as [0-9a-f]{12}$/,
      ),
    });
    expect(sent).toContain(
      'Revoked: Flow cr-20260302-grant1 -> user:default/raj,group:default/netops-edge,group:default/soc-t1',
    );
    // Nothing left to do.
    expect(await service.expireDue()).toEqual([]);
  });

  it('asks the approving teams to re-certify long-lived grants, once per period', async () => {
    const ctx = await setup();
    const { service, clock, sent } = ctx;
    await requestAccess(ctx, 'cr-20260302-long01', '2026-05-30');
    await service.approve('cr-20260302-long01', 'user:default/ana');
    await service.approve('cr-20260302-long01', 'user:default/lucas');

    clock.now = new Date('2026-03-30T12:00:00Z');
    expect(await service.requestRecertification(60)).toEqual([]);
    clock.now = new Date('2026-05-02T12:00:00Z');
    expect(await service.requestRecertification(60)).toEqual([
      'cr-20260302-long01',
    ]);
    expect(sent).toContain(
      'Re-certify: Flow cr-20260302-long01 -> group:default/netops-edge,group:default/soc-t1',
    );
    expect(await service.requestRecertification(60)).toEqual([]);
  });

  it('names approvers from the target’s owners and refuses a target with none', async () => {
    const ctx = await setup();
    const created = await requestAccess(
      ctx,
      'cr-20260302-owners',
      '2026-03-10',
    );
    expect(created.approvers).toEqual({
      netops: 'group:default/netops-edge',
      secops: 'group:default/soc-t1',
    });
    await expect(
      ctx.service.create(
        { ...created, targets: ['component:default/nope'] },
        'user:default/raj',
      ),
    ).rejects.toThrow('target component:default/nope is not in the catalog');
  });

  it('expires an approved grant whose pull request was never merged', async () => {
    const ctx = await setup();
    const created = await ctx.service.create(
      {
        kind: 'network-access',
        title: 'Flow via GitHub',
        description: 'external',
        targets: ['component:default/gateway'],
        change: {
          provider: 'github',
          repository: 'bank/infra',
          branch: 'change/cr-20260302-ext001',
          commit: 'c',
          url: 'https://github.example/bank/infra/pull/9',
          files: {},
        },
        policy: { version: 'p@1', results: [] },
        requiredApprovals: ['netops'],
        expiresAt: '2026-03-10',
      },
      'user:default/raj',
    );
    const approved = await ctx.service.approve(created.id, 'user:default/ana');
    expect(approved.state).toBe('approved');
    expect((await ctx.store.audit(created.id)).pop()).toMatchObject({
      action: 'apply-external',
      reason: 'merge https://github.example/bank/infra/pull/9 to apply it',
    });
    ctx.clock.now = new Date('2026-03-11T00:00:00Z');
    expect(await ctx.service.expireDue()).toEqual([created.id]);
    expect(await ctx.store.get(created.id)).toMatchObject({ state: 'expired' });
  });
});
