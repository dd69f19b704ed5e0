import { TestDatabases } from '@backstage/backend-test-utils';
import { MIGRATIONS_DIR } from '../database/migrateDatabase';
import { LookupOutcomes } from './LookupOutcomes';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('LookupOutcomes on %p', id => {
  it('adds what each replica counted, per day, and keeps counts a failed flush could not write', async () => {
    const knex = await databases.init(id);
    await knex.migrate.latest({ directory: MIGRATIONS_DIR });
    const [a, b] = [new LookupOutcomes(knex), new LookupOutcomes(knex)];
    const monday = new Date('2026-11-30T23:59:00Z');
    const tuesday = new Date('2026-12-01T00:01:00Z');
    a.count('no-match', monday);
    a.count('no-owner', monday);
    a.count(undefined, monday); // found owners: not counted
    b.count('no-match', monday);
    b.count('no-match', tuesday);
    await Promise.all([a.flush(), b.flush()]);
    a.count('no-owner', tuesday);
    await a.flush();
    expect(await a.days('2026-11-30', '2026-12-01')).toEqual([
      { day: '2026-11-30', noMatch: 2, noOwner: 1 },
      { day: '2026-12-01', noMatch: 1, noOwner: 1 },
    ]);
    expect(await a.days('2026-12-02', '2026-12-31')).toEqual([]);

    // The table is gone for a moment: the count waits for the next flush.
    await knex.schema.renameTable('lookup_outcomes', 'away');
    b.count('no-owner', tuesday);
    await expect(b.flush()).rejects.toThrow();
    await knex.schema.renameTable('away', 'lookup_outcomes');
    await b.flush();
    expect((await b.days('2026-12-01', '2026-12-01'))[0].noOwner).toBe(2);
  });
});
