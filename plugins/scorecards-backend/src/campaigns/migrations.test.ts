import { TestDatabases } from '@backstage/backend-test-utils';
import { CampaignStore, MIGRATIONS_DIR } from './CampaignStore';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('migrations on %p', databaseId => {
  it('apply step by step, keep what the store writes, and roll back', async () => {
    const knex = await databases.init(databaseId);
    const [, pending] = await knex.migrate.list({ directory: MIGRATIONS_DIR });
    expect(pending.map((m: { file: string }) => m.file)).toEqual([
      '20261210000001_campaigns.js',
    ]);
    await knex.migrate.up({ directory: MIGRATIONS_DIR });
    const store = new CampaignStore(knex);
    await store.recordDay(
      'c1',
      '2026-12-07',
      [
        {
          entityRef: 'component:default/a',
          title: 'A',
          team: null,
          level: 'bronze',
          atTarget: false,
        },
      ],
      { checkedAt: '2026-12-07T10:00:00.000Z', truncated: false },
    );
    expect(await store.days('c1', { all: true })).toEqual([
      { day: '2026-12-07', total: 1, below: 1 },
    ]);
    await knex.migrate.down({ directory: MIGRATIONS_DIR });
    expect(await knex.schema.hasTable('campaign_entity_days')).toBe(false);
    expect(await knex.schema.hasTable('campaign_runs')).toBe(false);
  });
});
