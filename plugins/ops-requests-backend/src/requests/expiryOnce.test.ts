/*
 * Expiry and revocation with two replicas (two services, each with its own
 * connection pool) on one PostgreSQL database and one git repository, both
 * running the expiry task at the same moment (Backstage's scheduler runs a
 * global task on one replica at a time; this is the case where it did not):
 * every request expires or is revoked once, by one replica, with one revert
 * merged into main. Transitions are conditional on the state read, and a
 * second revert of the same files merges nothing.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { changeIntentSchema } from '@integrated-ops/plugin-ops-requests-common';
import knexFactory from 'knex';
import { raj, setupRequestService } from '../__testUtils__/requestService';
import { decider } from '../__testUtils__/teamClaims';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

const intent = (expiresAt: string, justification: string) =>
  changeIntentSchema.parse({
    kind: 'network-access',
    source: 'component:default/web',
    destination: 'component:default/gateway',
    ports: '443/tcp',
    justification,
    expiresAt,
  });

it('two replicas running the expiry task at once: each request expires or is revoked exactly once', async () => {
  const knex = await databases.init('POSTGRES_15');
  const one = await setupRequestService(databases, { knex });
  const otherKnex = knexFactory(knex.client.config);
  const two = await setupRequestService(databases, {
    knex: otherKnex,
    gitRoot: one.gitRoot,
  });
  try {
    const granted = await one.service.create(
      intent('2026-03-10', 'Reconciliation reads the gateway API'),
      raj,
    );
    await one.service.approve(granted.id, decider('user:default/ana'));
    const applied = await two.service.approve(
      granted.id,
      decider('user:default/lucas'),
    );
    expect(applied.state).toBe('applied');
    const pending = await two.service.create(
      intent('2026-03-05', 'Nobody approves this one in time'),
      raj,
    );

    one.clock.now = two.clock.now = new Date('2026-03-10T00:00:01Z');
    const [a, b] = await Promise.all([
      one.service.expireDue(),
      two.service.expireDue(),
    ]);
    expect([...a, ...b].sort()).toEqual([granted.id, pending.id].sort());

    expect((await one.service.get(granted.id)).state).toBe('revoked');
    expect((await one.service.get(pending.id)).state).toBe('expired');
    const actions = async (id: string) =>
      (await one.store.audit(id)).map(e => e.action);
    expect(
      (await actions(granted.id)).filter(x => x === 'revoked'),
    ).toHaveLength(1);
    expect(
      (await actions(pending.id)).filter(x => x === 'expired'),
    ).toHaveLength(1);
    // One revert of the grant merged into main, not two.
    const log = one.mainLog('--first-parent');
    expect(log.filter(l => l.startsWith(`Revoke ${granted.id}`))).toHaveLength(
      1,
    );
    // And nothing left for the next run.
    expect(await two.service.expireDue()).toEqual([]);
  } finally {
    await otherKnex.destroy();
  }
});
