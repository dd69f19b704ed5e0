import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { MIGRATIONS_DIR } from './DatabaseRequestStore';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const migrationsOf = async (knex: Knex) =>
  (await knex.migrate.list({ directory: MIGRATIONS_DIR }))[1].map(
    (m: { file: string }) => m.file,
  );

const request = {
  id: 'cr-1',
  kind: 'network-access',
  title: 't',
  description: 'd',
  requested_by: 'user:default/guest',
  requested_at: '2026-03-02T12:00:00.000Z',
  state: 'pending',
  targets: '[]',
  change: '{}',
  policy: '{}',
  required_approvals: '["netops"]',
  approvers: '{}',
};

describe.each(databases.eachSupportedId())('migrations on %p', databaseId => {
  it('apply step by step and roll back without losing earlier data', async () => {
    const knex = await databases.init(databaseId);
    const [first, second, third, fourth, fifth, sixth, seventh, eighth, ninth] =
      await migrationsOf(knex);
    expect([
      first,
      second,
      third,
      fourth,
      fifth,
      sixth,
      seventh,
      eighth,
      ninth,
    ]).toEqual([
      '20261122000001_change_requests.js',
      '20261122000002_approvals.js',
      '20261130000001_request_intent.js',
      '20261201000002_break_glass.js',
      '20261201000003_apply_at.js',
      '20261201000004_recertification.js',
      '20261201000005_policy_refusals.js',
      '20261206000001_request_limits.js',
      '20261207000001_request_connectivity.js',
    ]);

    await knex.migrate.up({ directory: MIGRATIONS_DIR, name: first });
    await knex('change_requests').insert(request);
    await knex('change_request_audit').insert({
      request_id: 'cr-1',
      at: request.requested_at,
      actor: 'user:default/guest',
      action: 'created',
    });

    await knex.migrate.up({ directory: MIGRATIONS_DIR, name: second });
    expect(await knex('change_requests').select('id', 'state')).toEqual([
      { id: 'cr-1', state: 'pending' },
    ]);
    await knex('change_request_approvals').insert({
      request_id: 'cr-1',
      discipline: 'netops',
      decided_by: 'user:default/omar.haddad',
      decided_at: '2026-03-02T12:05:00.000Z',
    });
    // One approval per discipline, whoever tries second.
    await expect(
      knex('change_request_approvals').insert({
        request_id: 'cr-1',
        discipline: 'netops',
        decided_by: 'user:default/li.wei',
        decided_at: '2026-03-02T12:06:00.000Z',
      }),
    ).rejects.toThrow();

    // The intent column arrives empty for requests filed before it; rolling
    // it back keeps every request, approval and audit row.
    await knex.migrate.up({ directory: MIGRATIONS_DIR, name: third });
    expect(await knex('change_requests').select('id', 'intent')).toEqual([
      { id: 'cr-1', intent: null },
    ]);

    // Break-glass details and planned apply times likewise arrive empty, and
    // leave without a loss.
    await knex.migrate.up({ directory: MIGRATIONS_DIR, name: fourth });
    await knex.migrate.up({ directory: MIGRATIONS_DIR, name: fifth });
    expect(await knex('change_requests').select('id', 'apply_at')).toEqual([
      { id: 'cr-1', apply_at: null },
    ]);
    // Re-certification details arrive empty; refusals get their own table.
    await knex.migrate.up({ directory: MIGRATIONS_DIR, name: sixth });
    await knex.migrate.up({ directory: MIGRATIONS_DIR, name: seventh });
    expect(
      await knex('change_requests').select('id', 'recertification'),
    ).toEqual([{ id: 'cr-1', recertification: null }]);
    await knex('policy_refusals').insert({
      at: '2026-03-02T12:00:00.000Z',
      requested_by: 'user:default/guest',
      kind: 'network-access',
      targets: '[]',
      approvers: '{}',
      rules: '["cidr-breadth"]',
      policy_version: 'p@1',
    });
    // Open break-glass grants and waiting baselines filed before limits were
    // counted by the database hold their slots from the start; a second
    // holder of the same slot is refused by the primary key.
    const open = {
      ...request,
      kind: 'network-access',
      state: 'post-review',
      break_glass: '{"incident":"INC-1"}',
      expires_at: '2999-01-01T00:00:00.000Z',
    };
    await knex('change_requests').insert([
      { ...open, id: 'cr-bg-open' },
      { ...open, id: 'cr-bg-ended', state: 'revoked' },
      {
        ...request,
        id: 'cr-baseline',
        kind: 'namespace-baseline',
        title: 'Namespace baseline: fraud',
      },
    ]);
    await knex.migrate.up({ directory: MIGRATIONS_DIR, name: eighth });
    expect(
      await knex('change_request_limits')
        .orderBy('scope')
        .select('scope', 'slot', 'request_id'),
    ).toEqual([
      {
        scope: 'break-glass:user:default/guest',
        slot: 1,
        request_id: 'cr-bg-open',
      },
      {
        scope: 'namespace-baseline:fraud',
        slot: 1,
        request_id: 'cr-baseline',
      },
    ]);
    await expect(
      knex('change_request_limits').insert({
        scope: 'namespace-baseline:fraud',
        slot: 1,
        request_id: 'cr-1',
      }),
    ).rejects.toThrow();
    // The connectivity a change makes arrives empty for the requests before
    // it, and leaves without touching them.
    await knex.migrate.up({ directory: MIGRATIONS_DIR, name: ninth });
    expect(
      await knex('change_requests')
        .where({ id: 'cr-1' })
        .select('connectivity'),
    ).toEqual([{ connectivity: null }]);
    await knex('change_requests')
      .where({ id: 'cr-1' })
      .update({ connectivity: '{"added":[]}' });
    await knex.migrate.down({ directory: MIGRATIONS_DIR });
    expect(await knex.schema.hasColumn('change_requests', 'connectivity')).toBe(
      false,
    );
    expect(
      await knex('change_requests').select('id').orderBy('id'),
    ).toHaveLength(4);
    await knex.migrate.down({ directory: MIGRATIONS_DIR });
    expect(await knex.schema.hasTable('change_request_limits')).toBe(false);
    await knex('change_requests')
      .whereIn('id', ['cr-bg-open', 'cr-bg-ended', 'cr-baseline'])
      .delete();

    await knex.migrate.down({ directory: MIGRATIONS_DIR });
    expect(await knex.schema.hasTable('policy_refusals')).toBe(false);
    await knex.migrate.down({ directory: MIGRATIONS_DIR });
    expect(
      await knex.schema.hasColumn('change_requests', 'recertification'),
    ).toBe(false);
    expect(
      Number((await knex('change_request_audit').count({ n: '*' }))[0].n),
    ).toBe(1);
    await knex.migrate.down({ directory: MIGRATIONS_DIR });
    expect(await knex.schema.hasColumn('change_requests', 'apply_at')).toBe(
      false,
    );
    expect(await knex('change_requests').select('id', 'break_glass')).toEqual([
      { id: 'cr-1', break_glass: null },
    ]);
    await knex.migrate.down({ directory: MIGRATIONS_DIR });
    expect(await knex.schema.hasColumn('change_requests', 'break_glass')).toBe(
      false,
    );
    expect(
      Number((await knex('change_request_audit').count({ n: '*' }))[0].n),
    ).toBe(1);

    await knex.migrate.down({ directory: MIGRATIONS_DIR });
    expect(await knex.schema.hasColumn('change_requests', 'intent')).toBe(
      false,
    );
    expect(
      Number((await knex('change_request_audit').count({ n: '*' }))[0].n),
    ).toBe(1);
    expect(
      Number((await knex('change_request_approvals').count({ n: '*' }))[0].n),
    ).toBe(1);

    await knex.migrate.down({ directory: MIGRATIONS_DIR });
    expect(await knex.schema.hasTable('change_request_approvals')).toBe(false);
    expect(await knex('change_requests').select('id')).toEqual([
      { id: 'cr-1' },
    ]);
    expect(
      Number((await knex('change_request_audit').count({ n: '*' }))[0].n),
    ).toBe(1);

    await knex.migrate.down({ directory: MIGRATIONS_DIR });
    expect(await knex.schema.hasTable('change_requests')).toBe(false);
    await knex.migrate.latest({ directory: MIGRATIONS_DIR });
    expect(await knex.schema.hasTable('change_request_approvals')).toBe(true);
  });
});
