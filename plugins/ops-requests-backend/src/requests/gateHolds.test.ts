/*
 * The gate holds in time and under races, on SQLite and PostgreSQL: a
 * request past its expiry is neither approved, confirmed nor applied,
 * whatever the task schedule; limits that count open requests (one
 * break-glass grant per person, one waiting baseline per namespace) hold
 * when filings race, with two replicas (two connection pools) on PostgreSQL.
 */
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { changeIntentSchema } from '@integrated-ops/plugin-ops-requests-common';
import { ConfigReader } from '@backstage/config';
import {
  ChangePublisher,
  createChangePublisher,
  OnCallDirectory,
} from '@integrated-ops/plugin-ops-requests-node';
import knexFactory, { Knex } from 'knex';
import { raj, setupRequestService } from '../__testUtils__/requestService';
import { decider } from '../__testUtils__/teamClaims';

// Each case commits to a real git repository; a loaded 2-core runner needs more than 5 s.
jest.setTimeout(90_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const OMAR = 'user:default/omar'; // NetOps DC, on call for cases-db
const omar = { userEntityRef: OMAR, credentials: {} as any };
const onCall: OnCallDirectory = {
  onCallFor: async (user, teams) =>
    user === OMAR && teams.includes('group:default/netops-dc')
      ? 'group:default/netops-dc'
      : undefined,
};
const ACCESS = 'kubernetes/fraud/allow-web-to-cases-db.yaml';

const access = (input: object = {}) =>
  changeIntentSchema.parse({
    kind: 'network-access',
    source: 'component:default/web',
    destination: 'resource:default/cases-db',
    ports: '5432/tcp',
    justification: 'Case view reads the fraud cases database',
    ...input,
  });

const emergency = (incident: string) =>
  access({
    justification: `${incident}: fraud cases DB unreachable from the web tier`,
    emergency: { incident, durationMinutes: 60 },
  });

/** Two services on one database and one repository; on PostgreSQL each with its own pool. */
async function twoReplicas(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const one = await setupRequestService(databases, { knex, onCall });
  const otherKnex: Knex =
    databaseId === 'SQLITE_3' ? knex : knexFactory(knex.client.config);
  const two = await setupRequestService(databases, {
    knex: otherKnex,
    gitRoot: one.gitRoot,
    onCall,
  });
  return { one, two, close: () => otherKnex !== knex && otherKnex.destroy() };
}

describe.each(databases.eachSupportedId())('the gate on %p', databaseId => {
  it('refuses to approve a request after its expiry, whichever owning team comes last', async () => {
    const { service, clock, mainLog } = await setupRequestService(databases, {
      knex: await databases.init(databaseId),
    });
    const request = await service.create(
      access({ expiresAt: '2026-03-02T12:01:10Z' }),
      raj,
    );
    expect(request.requiredApprovals).toEqual(['netops', 'secops']);
    await service.approve(request.id, decider(OMAR));
    // 80 s later, before any expiry task ran: the last approval is refused.
    clock.now = new Date('2026-03-02T12:01:20Z');
    await expect(
      service.approve(request.id, decider('user:default/lucas')),
    ).rejects.toThrow(
      `change request ${request.id} expired at 2026-03-02T12:01:10.000Z: it can no longer be approved`,
    );
    expect((await service.get(request.id)).state).toBe('pending');
    expect(mainLog().join('\n')).not.toContain(`Apply ${request.id}`);
    // The expiry task then closes it.
    expect(await service.expireDue()).toEqual([request.id]);
    expect((await service.get(request.id)).state).toBe('expired');
  });

  it('never applies an approved request whose expiry passed before its planned time came round', async () => {
    const { service, clock, git, mainLog } = await setupRequestService(
      databases,
      { knex: await databases.init(databaseId) },
    );
    const request = await service.create(
      access({
        applyAt: '2026-03-02T13:00:00Z',
        expiresAt: '2026-03-02T13:00:30Z',
      }),
      raj,
    );
    await service.approve(request.id, decider(OMAR));
    await service.approve(request.id, decider('user:default/lucas'));
    expect((await service.get(request.id)).state).toBe('approved');
    // The planned-apply task was late (a restart, a busy scheduler).
    clock.now = new Date('2026-03-02T13:01:00Z');
    expect(await service.applyDue()).toEqual([]);
    expect(mainLog().join('\n')).not.toContain(`Apply ${request.id}`);
    await expect(git.show('infrastructure', 'main', ACCESS)).rejects.toThrow();
    expect(await service.expireDue()).toEqual([request.id]);
    expect((await service.get(request.id)).state).toBe('expired');
  });

  it('refuses to confirm break-glass access after its end', async () => {
    const { service, clock } = await setupRequestService(databases, {
      knex: await databases.init(databaseId),
      onCall,
    });
    const granted = await service.create(emergency('INC-1'), omar);
    expect(granted.state).toBe('post-review');
    clock.now = new Date('2026-03-02T13:00:01Z');
    await expect(
      service.confirm(granted.id, decider('user:default/lucas')),
    ).rejects.toThrow(
      `change request ${granted.id} expired at 2026-03-02T13:00:00.000Z: it can no longer be applied`,
    );
  });

  it('grants one break-glass access per person when three are filed at once on two replicas', async () => {
    const { one, two, close } = await twoReplicas(databaseId);
    try {
      const outcomes = await Promise.allSettled([
        one.service.create(emergency('INC-1'), omar),
        two.service.create(emergency('INC-2'), omar),
        one.service.create(emergency('INC-3'), omar),
      ]);
      const granted = outcomes.flatMap(o =>
        o.status === 'fulfilled' ? [o.value] : [],
      );
      const refused = outcomes.flatMap(o =>
        o.status === 'rejected' ? [String(o.reason)] : [],
      );
      expect(granted).toHaveLength(1);
      expect(granted[0].state).toBe('post-review');
      expect(refused).toHaveLength(2);
      for (const reason of refused) {
        expect(reason).toContain(
          `break-glass.open-per-person: you hold 1 open break-glass grant (${granted[0].id}); at most 1 at once`,
        );
      }
      // Only the granted one was merged; the refused filings left no branch.
      const applied = one.mainLog().filter(s => s.startsWith('Apply '));
      expect(applied).toEqual([`Apply ${granted[0].id}: ${granted[0].title}`]);
      expect(
        (await one.branches()).filter(b => b.startsWith('change/cr-')),
      ).toEqual((await one.store.list({})).map(r => r.change.branch).sort());
      // The preview counts what filing counts.
      const preview = await two.service.preview(emergency('INC-4'), omar);
      expect(
        preview.policy.results.find(
          r => r.rule === 'break-glass.open-per-person',
        ),
      ).toEqual({
        rule: 'break-glass.open-per-person',
        passed: false,
        message: 'you hold 1 open break-glass grant; at most 1 at once',
      });
      // Once the grant is revoked, its slot is free again.
      await one.service.revokeNow(
        granted[0].id,
        decider('user:default/lucas'),
        'incident over',
      );
      expect((await two.service.create(emergency('INC-5'), omar)).state).toBe(
        'post-review',
      );
    } finally {
      await close();
    }
  });

  it('revokes at its expiry a change a dying replica merged without recording it', async () => {
    // The merge lands, then the replica loses its connection before it
    // records the apply: the request stays approved, its apply given up.
    const { service, clock, git } = await setupRequestService(databases, {
      knex: await databases.init(databaseId),
      publisher: repos => {
        const real = createChangePublisher(new ConfigReader({}), repos);
        return Object.assign(Object.create(real), {
          merge: async (m: Parameters<ChangePublisher['merge']>[0]) => {
            const merged = await real.merge(m);
            if (m.branch.startsWith('change/')) {
              throw new Error(`connection reset after merging ${merged}`);
            }
            return merged;
          },
        });
      },
    });
    const request = await service.create(
      access({ expiresAt: '2026-03-02T13:00:00Z' }),
      raj,
    );
    await service.approve(request.id, decider(OMAR));
    await service.approve(request.id, decider('user:default/lucas'));
    expect((await service.get(request.id)).state).toBe('approved');
    expect(await git.show('infrastructure', 'main', ACCESS)).toContain(
      'NetworkPolicy',
    );
    clock.now = new Date('2026-03-02T13:00:01Z');
    expect(await service.expireDue()).toEqual([request.id]);
    const closed = await service.get(request.id);
    expect(closed.state).toBe('revoked');
    await expect(git.show('infrastructure', 'main', ACCESS)).rejects.toThrow();
  });

  it('frees the break-glass slot of a grant whose merge failed, so the on-call can file again', async () => {
    let failNext = true;
    const { service } = await setupRequestService(databases, {
      knex: await databases.init(databaseId),
      onCall,
      publisher: repos => {
        const real = createChangePublisher(new ConfigReader({}), repos);
        return Object.assign(Object.create(real), {
          merge: async (m: Parameters<ChangePublisher['merge']>[0]) => {
            if (failNext) {
              failNext = false;
              throw new Error('the git server is unreachable');
            }
            return real.merge(m);
          },
        });
      },
    });
    const failed = await service.create(emergency('INC-1'), omar);
    expect(failed.state).toBe('approved');
    const again = await service.create(emergency('INC-1'), omar);
    expect(again.state).toBe('post-review');
  });

  it("revokes two grants of one flow each at its own end, never the other's file", async () => {
    const { service, clock, git } = await setupRequestService(databases, {
      knex: await databases.init(databaseId),
    });
    const grant = async (justification: string, expiresAt: string) => {
      const filed = await service.create(
        access({ justification, expiresAt }),
        raj,
      );
      await service.approve(filed.id, decider(OMAR));
      const done = await service.approve(
        filed.id,
        decider('user:default/lucas'),
      );
      expect(done.state).toBe('applied');
      return done;
    };
    const first = await grant(
      'Case view reads the fraud cases database (first)',
      '2026-03-02T13:00:00Z',
    );
    const second = await grant(
      'Case view reads the fraud cases database (second)',
      '2026-03-02T14:00:00Z',
    );
    // The second grant's file replaced the first's on main.
    const onMain = () => git.show('infrastructure', 'main', ACCESS);
    expect(await onMain()).toBe(second.change.files[ACCESS]);

    clock.now = new Date('2026-03-02T13:00:01Z');
    expect(await service.expireDue()).toEqual([first.id]);
    expect((await service.get(first.id)).state).toBe('revoked');
    // The first's revocation left the second's access alone.
    expect(await onMain()).toBe(second.change.files[ACCESS]);

    clock.now = new Date('2026-03-02T14:00:01Z');
    expect(await service.expireDue()).toEqual([second.id]);
    await expect(onMain()).rejects.toThrow();
  });

  it('files one baseline for a namespace when two access requests race into it', async () => {
    const { one, two, close } = await twoReplicas(databaseId);
    try {
      const [a, b] = await Promise.all([
        one.service.create(access(), raj),
        two.service.create(
          access({
            justification: 'Case view reads the fraud cases DB, replica two',
          }),
          raj,
        ),
      ]);
      const baselines = (await one.store.list({})).filter(
        r => r.kind === 'namespace-baseline',
      );
      expect(baselines).toHaveLength(1);
      const notes = [
        ...(await one.store.audit(a.id)),
        ...(await one.store.audit(b.id)),
      ]
        .filter(e => e.action === 'baseline')
        .map(e => e.reason);
      expect(notes.sort()).toEqual(
        [
          `fraud holds no baseline on main: ${baselines[0].id} asks NetOps to review it on its own`,
          `the namespace baseline for fraud waits in ${baselines[0].id}`,
        ].sort(),
      );
    } finally {
      await close();
    }
  });
});
