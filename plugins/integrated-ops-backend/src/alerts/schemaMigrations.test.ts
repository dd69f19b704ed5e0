import { TestDatabases } from '@backstage/backend-test-utils';
import { UnroutedAlertStore, MIGRATIONS_DIR } from './UnroutedAlertStore';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('migrations on %p', databaseId => {
  it('apply step by step, keep what the store writes, and roll back', async () => {
    const knex = await databases.init(databaseId);
    const [files] = (await knex.migrate.list({ directory: MIGRATIONS_DIR }))
      .slice(1)
      .map((pending: { file: string }[]) => pending.map(m => m.file));
    expect(files).toEqual(['20261201000001_unrouted_alerts.js']);

    await knex.migrate.up({ directory: MIGRATIONS_DIR, name: files[0] });
    const store = new UnroutedAlertStore(knex);
    await store.add([
      {
        receivedAt: '2026-03-01T00:00:00.000Z',
        fingerprint: 'old',
        labels: { a: '1' },
        reason: 'r',
      },
      {
        receivedAt: '2026-03-04T02:13:00.000Z',
        fingerprint: 'new',
        labels: { instance: '198.51.100.7:9100' },
        reason: 'no entity matches',
      },
    ]);
    const day = await store.since(new Date('2026-03-03T02:13:00Z'));
    expect(day).toEqual({
      since: '2026-03-03T02:13:00.000Z',
      count: 1,
      recent: [
        {
          receivedAt: '2026-03-04T02:13:00.000Z',
          fingerprint: 'new',
          labels: { instance: '198.51.100.7:9100' },
          reason: 'no entity matches',
        },
      ],
    });
    // Retention: 30 days.
    expect(await store.prune(new Date('2026-04-01T00:00:00Z'))).toBe(1);
    expect((await store.since(new Date(0))).count).toBe(1);

    await knex.migrate.down({ directory: MIGRATIONS_DIR });
    expect(await knex.schema.hasTable('unrouted_alerts')).toBe(false);
  });
});
