import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { OwnershipIndex } from '../index/OwnershipIndex';
import { readsEverything } from '../index/canRead';
import { MIGRATIONS_DIR } from '../database/migrateDatabase';
import {
  make,
  owned,
  sources,
  testCatalog,
} from '../__testUtils__/testCatalog';
import { lookupAsOf } from './lookupAsOf';
import { OwnershipHistoryRecorder } from './OwnershipHistoryRecorder';
import { OwnershipHistoryStore } from './OwnershipHistoryStore';
import { ownershipTimeline } from './ownershipTimeline';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const logger = mockServices.logger.mock();
const status = { stale: false, entities: 0 };

const paymentsApi = (netops: string) =>
  make(
    'Component',
    'payments-api',
    { type: 'service', owner: 'fraud-team' },
    owned(netops, 'sre', 'soc-t1'),
    sources('declared', 'declared', 'declared'),
  );

const netopsCore = make('Group', 'netops-core', {
  type: 'team',
  children: [],
  opsTeam: {
    discipline: 'netops',
    onCall: [
      {
        name: 'core',
        members: ['user:default/priya'],
        start: '2026-01-05T09:00',
        period: 'P7D',
        timeZone: 'Europe/London',
      },
    ],
  },
});

/** netops-edge after its rotation changed: Ana left, Priya joined. */
function edgeAfterAnaLeft(): Entity {
  const edge = structuredClone(
    testCatalog.find(e => e.metadata.name === 'netops-edge')!,
  );
  (edge.spec as any).opsTeam.lead = 'tom';
  (edge.spec as any).opsTeam.onCall[0].members = [
    'user:default/tom',
    'user:default/priya',
  ];
  edge.relations = [
    { type: 'hasMember', targetRef: 'user:default/tom' },
    { type: 'hasMember', targetRef: 'user:default/priya' },
  ];
  return edge;
}

// Europe/London is on UTC in November. The netops-edge rotation hands over
// on Mondays at 09:00 (from 2026-01-05): Ana until 2026-11-02 09:00, then Tom.
const FIRST_SEEN = new Date('2026-11-01T00:00:00Z');
const OWNER_CHANGED = new Date('2026-11-03T12:00:00Z');

describe.each(databases.eachSupportedId())('ownership history on %p', id => {
  async function setUp() {
    const knex = await databases.init(id);
    await knex.migrate.latest({ directory: MIGRATIONS_DIR });
    return new OwnershipHistoryStore(knex);
  }

  it('answers as of a moment: owners, teams and on-call then, change requests by then', async () => {
    const store = await setUp();
    const recorder = new OwnershipHistoryRecorder(store, logger);
    const before = [...testCatalog, paymentsApi('netops-edge')];
    await recorder.record({
      upserted: before,
      removed: [],
      complete: true,
      at: FIRST_SEEN,
    });
    // Netops ownership moves to netops-core; Ana leaves the catalog.
    const after = [
      ...testCatalog.filter(
        e => !['netops-edge', 'ana'].includes(e.metadata.name),
      ),
      edgeAfterAnaLeft(),
      netopsCore,
      paymentsApi('netops-core'),
    ];
    await recorder.record({
      upserted: [paymentsApi('netops-core'), netopsCore, edgeAfterAnaLeft()],
      removed: ['user:default/ana'],
      complete: false,
      at: OWNER_CHANGED,
    });
    const index = OwnershipIndex.build(after);
    const asked: unknown[] = [];
    const changes = async (input: any) => {
      asked.push(input);
      return [
        {
          id: 'CR-1',
          title: 'Open 8443 to payments-api',
          kind: 'network-access',
          state: 'applied',
          requestedBy: 'user:default/tom',
          requestedAt: '2026-10-30T10:00:00.000Z',
          approvals: [
            {
              role: 'netops',
              by: 'user:default/ana',
              at: '2026-10-30T11:00:00.000Z',
            },
          ],
          appliedAt: '2026-10-30T11:01:00.000Z',
        },
      ];
    };
    const ask = (asOf: string) =>
      lookupAsOf(
        { store, changes },
        index,
        status,
        'payments-api',
        new Date(asOf),
        readsEverything,
        mockCredentials.user('user:default/tom'),
      ).then(r => r.matches[0].answer!);

    // Before the handover at 09:00: the old owner, Ana on call (she has
    // since left: named by ref, no contacts).
    const early = await ask('2026-11-02T08:59:00Z');
    expect(early.owners.netops.ownerRef).toBe('group:default/netops-edge');
    expect(early.owners.netops.onCall[0].person).toMatchObject({
      ref: 'user:default/ana',
      name: 'ana',
      contacts: [],
    });
    expect(early.owners.netops.team?.members.map(m => m.ref)).toEqual([
      'user:default/ana',
      'user:default/tom',
    ]);
    expect(early.owners.netops.team?.lead?.ref).toBe('user:default/ana');
    expect(early.history).toMatchObject({
      asOf: '2026-11-02T08:59:00.000Z',
      known: true,
      ownersRecordedAt: FIRST_SEEN.toISOString(),
      historyStartsAt: FIRST_SEEN.toISOString(),
      changes: [{ id: 'CR-1', approvals: [{ by: 'user:default/ana' }] }],
    });
    expect(asked[0]).toMatchObject({
      entityRef: 'component:default/payments-api',
      before: '2026-11-02T08:59:00.000Z',
    });

    // After the handover, same owner: Tom.
    const handedOver = await ask('2026-11-02T09:01:00Z');
    expect(handedOver.owners.netops.onCall[0].person?.name).toBe('Tom Becker');

    // After the owner change: netops-core, Priya on call.
    const later = await ask('2026-11-03T12:30:00Z');
    expect(later.owners.netops.ownerRef).toBe('group:default/netops-core');
    expect(later.owners.netops.onCall[0].person?.name).toBe('Priya Raman');
    expect(later.owners.devops.ownerRef).toBe('group:default/sre');

    // Before anything was recorded: not known, and no owner is made up.
    const unknown = await ask('2026-10-01T00:00:00Z');
    expect(unknown.history?.known).toBe(false);
    expect(unknown.owners.netops.source).toBe('missing');

    // The owners card's timeline.
    const timeline = ownershipTimeline(
      'component:default/payments-api',
      await store.of('component:default/payments-api', 31),
      await store.startsAt(),
    );
    expect(timeline.current.netops).toEqual({
      owner: 'group:default/netops-core',
      source: 'declared',
      since: OWNER_CHANGED.toISOString(),
    });
    expect(timeline.current.devops.since).toBe(FIRST_SEEN.toISOString());
    expect(timeline.changes[0]).toEqual({
      at: OWNER_CHANGED.toISOString(),
      discipline: 'netops',
      from: 'group:default/netops-edge',
      to: 'group:default/netops-core',
      source: 'declared',
    });
  });

  it('records nothing when nothing changed, and removals once', async () => {
    const store = await setUp();
    const recorder = new OwnershipHistoryRecorder(store, logger);
    const all = [...testCatalog, paymentsApi('netops-edge')];
    await recorder.record({
      upserted: all,
      removed: [],
      complete: true,
      at: FIRST_SEEN,
    });
    const first = (await store.heads()).size;
    await recorder.record({
      upserted: all,
      removed: [],
      complete: true,
      at: OWNER_CHANGED,
    });
    expect((await store.heads()).size).toBe(first);
    expect(await store.of('component:default/payments-api', 10)).toHaveLength(
      1,
    );

    // A rebuild without it: gone, recorded once.
    const without = all.filter(e => e.metadata.name !== 'payments-api');
    for (const at of ['2026-11-04T00:00:00Z', '2026-11-05T00:00:00Z']) {
      await recorder.record({
        upserted: without,
        removed: [],
        complete: true,
        at: new Date(at),
      });
    }
    const entries = await store.of('component:default/payments-api', 10);
    expect(entries.map(e => [e.seq, e.fingerprint])).toEqual([
      [2, 'removed'],
      [1, expect.any(String)],
    ]);
  });

  it('is written once when two replicas record the same changes', async () => {
    const store = await setUp();
    // Two replicas: their own recorders and caches, one database.
    const replicas = [
      new OwnershipHistoryRecorder(store, logger),
      new OwnershipHistoryRecorder(store, logger),
    ];
    const first = [...testCatalog, paymentsApi('netops-edge')];
    await Promise.all(
      replicas.map(r =>
        r.record({
          upserted: first,
          removed: [],
          complete: true,
          at: FIRST_SEEN,
        }),
      ),
    );
    const changed = [paymentsApi('netops-core'), netopsCore];
    await Promise.all(
      replicas.map((r, i) =>
        r.record({
          upserted: changed,
          removed: [],
          complete: false,
          // Each replica sees the change at its own moment.
          at: new Date(OWNER_CHANGED.getTime() + i * 1000),
        }),
      ),
    );
    const entries = await store.of('component:default/payments-api', 10);
    expect(entries.map(e => e.seq)).toEqual([2, 1]);
    expect(await store.of('group:default/netops-core', 10)).toHaveLength(1);
    const heads = await store.heads();
    expect(heads.size).toBe(first.filter(e => e.kind !== 'User').length + 1);
  });
});
