import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { MIGRATIONS_DIR } from '../database/migrateDatabase';
import { OwnershipIndex } from '../index/OwnershipIndex';
import { IncidentService } from './IncidentService';
import { IncidentStore, RoutedAlert } from './IncidentStore';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const alert = (over: Partial<RoutedAlert> = {}): RoutedAlert => ({
  fingerprint: 'fp-tls',
  status: 'firing',
  alertname: 'TlsHandshakeFailures',
  outcome: 'routed',
  entityRef: 'component:default/fraud-scoring-service',
  discipline: 'netops',
  team: 'group:default/netops-dc',
  notified: ['user:default/ana.ruiz', 'group:default/netops-dc'],
  ...over,
});

const at = (minutes: number) =>
  new Date(Date.UTC(2026, 2, 4, 2, 13) + minutes * 60_000).toISOString();

describe.each(databases.eachSupportedId())(
  'IncidentStore on %p',
  databaseId => {
    let store: IncidentStore;

    beforeEach(async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIR });
      store = new IncidentStore(knex);
    });

    it('keeps one incident from firing through repeats to resolved, then opens a new one', async () => {
      const id = await store.record(alert(), at(0));
      expect(await store.record(alert(), at(5))).toBe(id);
      expect(await store.record(alert({ status: 'resolved' }), at(42))).toBe(
        id,
      );
      expect(await store.get(id!)).toMatchObject({
        openedAt: at(0),
        lastAlertAt: at(42),
        alerts: 2,
        team: 'group:default/netops-dc',
        firstTeam: 'group:default/netops-dc',
        reroutes: 0,
        resolvedAt: at(42),
      });
      const next = await store.record(alert(), at(60));
      expect(next).not.toBe(id);
      expect(await store.get(next!)).toMatchObject({
        openedAt: at(60),
        alerts: 1,
      });
    });

    it('ignores a resolved alert whose firing it never saw', async () => {
      expect(
        await store.record(alert({ status: 'resolved' }), at(0)),
      ).toBeUndefined();
      expect(await store.responseRows(at(-1), at(1), 10)).toEqual([]);
    });

    it('counts another owning team on the same fingerprint as a re-route, keeping who was paged first', async () => {
      const id = await store.record(alert(), at(0));
      await store.record(
        alert({
          discipline: 'secops',
          team: 'group:default/soc-tier1',
          notified: ['group:default/soc-tier1'],
        }),
        at(3),
      );
      expect(await store.get(id!)).toMatchObject({
        team: 'group:default/soc-tier1',
        firstTeam: 'group:default/netops-dc',
        discipline: 'secops',
        reroutes: 1,
        notified: [
          'user:default/ana.ruiz',
          'group:default/netops-dc',
          'group:default/soc-tier1',
        ],
      });
    });

    it('records a storm of alerts in one batch as it records them one by one', async () => {
      // The same sequence, once alert by alert and once as one webhook:
      // new, repeat, re-routed, resolved, and a fingerprint firing again.
      const sequence = (prefix: string): RoutedAlert[] => [
        alert({ fingerprint: `${prefix}-a` }),
        alert({ fingerprint: `${prefix}-b` }),
        alert({ fingerprint: `${prefix}-a` }),
        alert({
          fingerprint: `${prefix}-b`,
          team: 'group:default/netops-edge',
          notified: ['group:default/netops-edge'],
        }),
        alert({ fingerprint: `${prefix}-a`, status: 'resolved' }),
        alert({ fingerprint: `${prefix}-a` }),
        alert({ fingerprint: `${prefix}-gone`, status: 'resolved' }),
      ];
      const oneByOne: (string | undefined)[] = [];
      for (const a of sequence('one'))
        oneByOne.push(await store.record(a, at(0)));
      const batched = await store.recordMany(sequence('batch'), at(0));

      const shape = (ids: (string | undefined)[]) =>
        ids.map(id => (id === undefined ? '-' : ids.indexOf(id)));
      expect(shape(batched)).toEqual(shape(oneByOne));
      expect(shape(batched)).toEqual([0, 1, 0, 1, 0, 5, '-']);
      const strip = ({ id, fingerprint, ...rest }: any) => rest;
      for (const i of [0, 1, 5]) {
        expect(strip(await store.get(batched[i]!))).toEqual(
          strip(await store.get(oneByOne[i]!)),
        );
      }
      expect(await store.get(batched[1]!)).toMatchObject({
        alerts: 2,
        reroutes: 1,
        team: 'group:default/netops-edge',
        firstTeam: 'group:default/netops-dc',
        notified: [
          'user:default/ana.ruiz',
          'group:default/netops-dc',
          'group:default/netops-edge',
        ],
      });
    });

    it('records 1,200 alerts of one webhook, across the bound-parameter chunks', async () => {
      const alerts = Array.from({ length: 1200 }, (_, i) =>
        alert({ fingerprint: `storm-${i}` }),
      );
      const first = await store.recordMany(alerts, at(0));
      expect(new Set(first).size).toBe(1200);
      const again = await store.recordMany(alerts, at(1));
      expect(again).toEqual(first);
      expect(await store.get(first[1199]!)).toMatchObject({ alerts: 2 });
    });

    it('records two webhooks of the same alerts in opposite orders at once: one incident each, both counted', async () => {
      const alerts = Array.from({ length: 50 }, (_, i) =>
        alert({ fingerprint: `ha-${i}` }),
      );
      await store.recordMany(alerts.slice(0, 25), at(0));
      const [a, b] = await Promise.all([
        store.recordMany(alerts, at(1)),
        store.recordMany([...alerts].reverse(), at(1)),
      ]);
      expect(a).toEqual([...b].reverse());
      expect(new Set(a).size).toBe(50);
      expect(await store.get(a[0]!)).toMatchObject({ alerts: 3 });
      expect(await store.get(a[49]!)).toMatchObject({ alerts: 2 });
    });

    it('ends ten replicas receiving the same first alert at once with one incident', async () => {
      const ids = await Promise.all(
        Array.from({ length: 10 }, () => store.record(alert(), at(0))),
      );
      expect(new Set(ids).size).toBe(1);
      expect(await store.get(ids[0]!)).toMatchObject({ alerts: 10 });
    });

    it('keeps the first acknowledgement, and none after the incident resolved', async () => {
      const id = (await store.record(alert(), at(0)))!;
      const [a, b] = await Promise.all([
        store.acknowledge(id, 'user:default/ana.ruiz', at(4)),
        store.acknowledge(id, 'user:default/tom.becker', at(4)),
      ]);
      expect(a!.acknowledgedBy).toBe(b!.acknowledgedBy);
      const resolved = (await store.record(
        alert({ fingerprint: 'fp-2' }),
        at(0),
      ))!;
      await store.record(
        alert({ fingerprint: 'fp-2', status: 'resolved' }),
        at(9),
      );
      expect(
        (await store.acknowledge(resolved, 'user:default/ana.ruiz', at(10)))!
          .acknowledgedAt,
      ).toBeUndefined();
    });

    it('leaves incidents of entities the caller may not read out of every figure', async () => {
      const service = new IncidentService({
        store,
        logger: mockServices.logger.mock(),
      });
      await store.record(alert(), at(0));
      const secretId = await store.record(
        alert({
          fingerprint: 'fp-secret',
          entityRef: 'component:default/secret-ledger',
          team: 'group:default/netops-edge',
        }),
        at(1),
      );
      const canRead = (ref: string) => !ref.endsWith('secret-ledger');
      const kpis = await service.response(
        canRead,
        { days: 1 },
        new Date(at(60)),
      );
      expect(kpis.incidents).toBe(1);
      expect(kpis.byTeam.map(t => t.key)).toEqual(['group:default/netops-dc']);
      // Nor can it be read or acknowledged by id: not found, as if absent.
      const index = { members: new Map() } as unknown as OwnershipIndex;
      for (const call of [
        () =>
          service.get(
            index,
            secretId!,
            'user:default/ana.ruiz',
            canRead,
            new Date(at(3)),
          ),
        () =>
          service.acknowledge(
            index,
            secretId!,
            'user:default/ana.ruiz',
            canRead,
            new Date(at(3)),
          ),
      ]) {
        await expect(call()).rejects.toMatchObject({ name: 'NotFoundError' });
      }
    });
  },
);
