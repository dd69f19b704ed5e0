import { TestDatabases } from '@backstage/backend-test-utils';
import { MIGRATIONS_DIR } from '../database/migrateDatabase';
import { NewPage, PageStore, PagingQuotaError } from './PageStore';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const limits = { maxPerUserPerHour: 3, repageAfterMs: 5 * 60_000 };
let n = 0;
const newPage = (over: Partial<NewPage> = {}): NewPage => ({
  id: `page-${++n}`,
  entityRef: 'component:default/fraud-scoring-service',
  entityTitle: 'Fraud Scoring Service',
  discipline: 'netops',
  team: 'group:default/netops-dc',
  teamTitle: 'NetOps DC',
  query: '10.20.3.14',
  pagedBy: 'user:default/raj.patel',
  pagedAt: '2026-03-04T02:13:00.000Z',
  route: 'notification',
  ...over,
});

describe.each(databases.eachSupportedId())('PageStore on %p', databaseId => {
  let store: PageStore;

  beforeEach(async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: MIGRATIONS_DIR });
    store = new PageStore(knex);
  });

  it('ends ten people paging one entity and discipline at once with one page', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        store.open(newPage({ pagedBy: `user:default/responder-${i}` }), limits),
      ),
    );
    const sent = results.filter(r => !r.repeated);
    expect(sent).toHaveLength(1);
    expect(new Set(results.map(r => r.page.id))).toEqual(
      new Set([sent[0].page.id]),
    );
  });

  it('holds the hourly limit per person under concurrent pages of different entities', async () => {
    const settled = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        store.open(
          newPage({ entityRef: `component:default/service-${i}` }),
          limits,
        ),
      ),
    );
    const sent = settled.filter(r => r.status === 'fulfilled');
    const refused = settled.filter(
      r => r.status === 'rejected' && r.reason instanceof PagingQuotaError,
    );
    expect([sent.length, refused.length]).toEqual([3, 5]);
    // The next UTC hour is a new count.
    await expect(
      store.open(
        newPage({
          entityRef: 'component:default/service-9',
          pagedAt: '2026-03-04T03:00:00.000Z',
        }),
        limits,
      ),
    ).resolves.toMatchObject({ repeated: false });
  });

  it('pages again once the open page is acknowledged or older than the repeat window', async () => {
    const first = await store.open(newPage(), limits);
    const soon = await store.open(
      newPage({ pagedAt: '2026-03-04T02:17:00.000Z' }),
      limits,
    );
    expect(soon).toMatchObject({ repeated: true, page: { id: first.page.id } });

    const later = await store.open(
      newPage({ pagedAt: '2026-03-04T02:18:01.000Z' }),
      limits,
    );
    expect(later.repeated).toBe(false);

    // Delivered, then acknowledged: the first acknowledgement wins, and the
    // page is no longer the open one.
    await store.delivered(later.page.id, {
      delivery: 'Notified in the portal',
      notified: ['user:default/omar.haddad'],
      reached: true,
    });
    const acked = await store.settle(
      later.page.id,
      'acknowledged',
      { ref: 'user:default/omar.haddad' },
      '2026-03-04T02:19:00.000Z',
    );
    const again = await store.settle(
      later.page.id,
      'acknowledged',
      { ref: 'user:default/li.wei' },
      '2026-03-04T02:19:30.000Z',
    );
    expect([acked.acknowledgedBy, again.acknowledgedBy]).toEqual([
      'user:default/omar.haddad',
      'user:default/omar.haddad',
    ]);
    const next = await store.open(
      newPage({ pagedAt: '2026-03-04T02:20:00.000Z' }),
      limits,
    );
    expect(next.repeated).toBe(false);
  });

  it('lets the next page go out at once when one reached nobody', async () => {
    const first = await store.open(newPage(), limits);
    const failed = await store.delivered(first.page.id, {
      delivery: 'The portal notification failed; Nobody was reached',
      notified: [],
      reached: false,
    });
    expect(failed.state).toBe('failed');
    const next = await store.open(
      newPage({ pagedAt: '2026-03-04T02:13:30.000Z' }),
      limits,
    );
    expect(next.repeated).toBe(false);
  });

  it('lets one of many concurrent readers ask the vendor', async () => {
    const { page } = await store.open(newPage(), limits);
    await store.delivered(page.id, {
      delivery: 'PagerDuty',
      notified: [],
      reached: true,
      route: 'pagerduty',
      vendorKey: 'k',
    });
    const claims = await Promise.all(
      Array.from({ length: 5 }, () =>
        store.claimCheck(
          page.id,
          '2026-03-04T02:14:00.000Z',
          '2026-03-04T02:13:50.000Z',
        ),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });
});
