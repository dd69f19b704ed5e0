import { TestDatabases } from '@backstage/backend-test-utils';
import { UnroutedAlertStore } from '../alerts/UnroutedAlertStore';
import { OwnershipHistoryStore } from '../history/OwnershipHistoryStore';
import { LookupOutcomes } from '../kpis/LookupOutcomes';
import { ChangesOnRecordStore } from '../opsRequests/ChangesOnRecordStore';
import { RecertificationStatusStore } from '../opsRequests/RecertificationStatusStore';
import { MIGRATIONS_DIR } from './migrateDatabase';
import { AlertDeliveryQueue } from '../alerts/AlertDeliveryQueue';
import { IncidentStore } from '../incidents/IncidentStore';
import { PageStore } from '../paging/PageStore';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const owners = (netops: string) => ({
  owners: {
    netops: { discipline: 'netops', owner: netops, source: 'declared' },
    devops: { discipline: 'devops', source: 'missing' },
    secops: { discipline: 'secops', source: 'missing' },
  },
});

describe.each(databases.eachSupportedId())('migrations on %p', databaseId => {
  it('apply step by step, keep what the stores write, and roll back', async () => {
    const knex = await databases.init(databaseId);
    const [files] = (await knex.migrate.list({ directory: MIGRATIONS_DIR }))
      .slice(1)
      .map((pending: { file: string }[]) => pending.map(m => m.file));
    expect(files).toEqual([
      '20261201000001_unrouted_alerts.js',
      '20261201000002_ownership_history.js',
      '20261201000003_lookup_outcomes.js',
      '20261201000004_ops_requests_on_record.js',
      '20261207000001_pages.js',
      '20261208000001_alert_incidents.js',
      '20261209000001_alert_deliveries.js',
      '20261210000001_escalation_pages.js',
    ]);

    // Step 1: unrouted alerts.
    await knex.migrate.up({ directory: MIGRATIONS_DIR, name: files[0] });
    const alerts = new UnroutedAlertStore(knex);
    await alerts.add([
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
    const day = await alerts.since(new Date('2026-03-03T02:13:00Z'));
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
    expect(await alerts.prune(new Date('2026-04-01T00:00:00Z'))).toBe(1);

    // Step 2: ownership history; the alerts stay.
    await knex.migrate.up({ directory: MIGRATIONS_DIR, name: files[1] });
    expect((await alerts.since(new Date(0))).count).toBe(1);
    const history = new OwnershipHistoryStore(knex);
    const ref = 'component:default/scoring-api';
    const entry = (seq: number, at: string, netops?: string) => ({
      ref,
      seq,
      kind: 'owners' as const,
      recordedAt: at,
      fingerprint: netops ?? 'removed',
      snapshot: netops ? (owners(netops) as any) : undefined,
    });
    await history.append([
      entry(1, '2025-01-01T00:00:00.000Z', 'group:default/netops-dc'),
      entry(2, '2026-02-01T00:00:00.000Z', 'group:default/netops-edge'),
    ]);
    // The same change from a second replica is stored once.
    await history.append([
      entry(2, '2026-02-01T00:00:01.000Z', 'group:default/netops-edge'),
    ]);
    expect((await history.of(ref, 10)).map(e => e.seq)).toEqual([2, 1]);
    const before = await history.asOf('2026-01-31T00:00:00.000Z', {
      refs: [ref],
    });
    expect(before.get(ref)?.snapshot).toEqual(
      owners('group:default/netops-dc'),
    );
    expect(await history.heads()).toEqual(
      new Map([
        [
          ref,
          { seq: 2, kind: 'owners', fingerprint: 'group:default/netops-edge' },
        ],
      ]),
    );
    // Retention keeps what was in force at the cutoff.
    expect(await history.prune('2026-03-01T00:00:00.000Z')).toBe(1);
    expect(await history.prune('2026-03-01T00:00:00.000Z')).toBe(0);
    expect(await history.startsAt()).toBe('2026-02-01T00:00:00.000Z');

    // Step 3: lookup outcomes; the history stays.
    await knex.migrate.up({ directory: MIGRATIONS_DIR, name: files[2] });
    expect(await history.startsAt()).toBe('2026-02-01T00:00:00.000Z');
    const outcomes = new LookupOutcomes(knex);
    outcomes.count('no-match', new Date('2026-03-01T10:00:00Z'));
    await outcomes.flush();
    expect(await outcomes.days('2026-03-01', '2026-03-01')).toEqual([
      { day: '2026-03-01', noMatch: 1, noOwner: 0 },
    ]);

    // Step 4: what ops-requests reports by events; the outcomes stay.
    await knex.migrate.up({ directory: MIGRATIONS_DIR, name: files[3] });
    expect((await outcomes.days('2026-03-01', '2026-03-01'))[0].noMatch).toBe(
      1,
    );
    const changes = new ChangesOnRecordStore(knex);
    await changes.record({
      requests: [
        {
          id: 'CR-1',
          kind: 'network-access',
          title: 'Open 8443',
          state: 'applied',
          targets: [ref],
          requestedBy: 'user:default/tom',
          requestedAt: '2026-03-01T10:00:00.000Z',
          approvals: [],
          appliedAt: '2026-03-01T11:00:00.000Z',
          readAt: '2026-03-01T11:00:01.000Z',
        },
      ],
    });
    expect(
      await changes.list({ target: ref, before: '2026-03-02T00:00:00.000Z' }),
    ).toMatchObject([{ id: 'CR-1', state: 'applied' }]);
    const recertifications = new RecertificationStatusStore(knex);
    await recertifications.record({
      generatedAt: '2026-03-01T00:00:00.000Z',
      total: 1,
      items: [
        {
          declaredOn: ref,
          discipline: 'netops',
          team: 'group:default/netops-edge',
          entities: 1,
          state: 'due',
        },
      ],
    });
    expect((await recertifications.current())?.items).toHaveLength(1);

    // Step 5: pages; what ops-requests reported stays.
    await knex.migrate.up({ directory: MIGRATIONS_DIR, name: files[4] });
    expect((await recertifications.current())?.items).toHaveLength(1);
    const pages = new PageStore(knex);
    const { page } = await pages.open(
      {
        id: 'p-1',
        entityRef: ref,
        entityTitle: 'Scoring API',
        discipline: 'netops',
        team: 'group:default/netops-edge',
        teamTitle: 'NetOps Edge',
        query: 'scoring-api',
        pagedBy: 'user:default/tom',
        pagedAt: '2026-03-04T02:13:00.000Z',
        route: 'notification',
      },
      { maxPerUserPerHour: 1, repageAfterMs: 0 },
    );
    expect(await pages.get(page.id)).toMatchObject({ state: 'sending' });

    // Step 6: incidents of routed alerts; the pages stay.
    await knex.migrate.up({ directory: MIGRATIONS_DIR, name: files[5] });
    const incidents = new IncidentStore(knex);
    const incident = await incidents.record(
      {
        fingerprint: 'fp-1',
        status: 'firing',
        outcome: 'routed',
        entityRef: ref,
        discipline: 'netops',
        team: 'group:default/netops-edge',
        notified: ['group:default/netops-edge'],
      },
      '2026-03-04T02:13:00.000Z',
    );
    expect(await incidents.get(incident!)).toMatchObject({ alerts: 1 });

    // Step 7: the delivery queue; the incidents stay.
    await knex.migrate.up({ directory: MIGRATIONS_DIR, name: files[6] });
    const queue = new AlertDeliveryQueue(knex);
    const now = new Date('2026-03-04T02:13:00.000Z');
    await queue.enqueue([{ fingerprint: 'fp-1' }], now, now);
    expect(await queue.pending()).toBe(1);

    // Step 8: escalation pages (no discipline); the pages and the queue stay,
    // the open page still holds its entity and discipline.
    await knex.migrate.up({ directory: MIGRATIONS_DIR, name: files[7] });
    expect(await queue.pending()).toBe(1);
    const escalation = await pages.open(
      {
        id: 'p-2',
        entityRef: 'group:default/major-incident-management',
        entityTitle: 'Major Incident Management',
        escalation: true,
        team: 'group:default/major-incident-management',
        teamTitle: 'Major Incident Management',
        query: '192.0.2.9',
        pagedBy: 'user:default/ana',
        pagedAt: '2026-03-04T02:14:00.000Z',
        route: 'notification',
      },
      { maxPerUserPerHour: 1, repageAfterMs: 60_000 },
    );
    expect(escalation.page).toMatchObject({ escalation: true });
    expect(escalation.page.discipline).toBeUndefined();
    expect(
      await pages.open(
        { ...page, id: 'p-3', pagedBy: 'user:default/ana' },
        { maxPerUserPerHour: 5, repageAfterMs: 60 * 60_000 },
      ),
    ).toMatchObject({ page: { id: 'p-1' }, repeated: true });
    // The open key is still unique (SQLite rebuilt the table to alter it).
    await expect(
      knex('pages').where({ id: 'p-2' }).update({ open_key: 'x|netops' }),
    ).resolves.toBe(1);
    await expect(
      knex('pages').where({ id: 'p-1' }).update({ open_key: 'x|netops' }),
    ).rejects.toThrow();
    await knex.migrate.down({ directory: MIGRATIONS_DIR });
    expect(await pages.get('p-2')).toBeUndefined();
    expect(await pages.get(page.id)).toMatchObject({ discipline: 'netops' });

    await knex.migrate.down({ directory: MIGRATIONS_DIR });
    expect(await knex.schema.hasTable('alert_deliveries')).toBe(false);
    expect(await incidents.get(incident!)).toMatchObject({ alerts: 1 });

    await knex.migrate.down({ directory: MIGRATIONS_DIR });
    expect(await knex.schema.hasTable('alert_incidents')).toBe(false);
    expect(await pages.get(page.id)).toMatchObject({ state: 'sending' });

    await knex.migrate.down({ directory: MIGRATIONS_DIR });
    expect(await knex.schema.hasTable('pages')).toBe(false);
    expect(await knex.schema.hasTable('paging_quota')).toBe(false);
    expect(await knex.schema.hasTable('ops_requests_on_record')).toBe(true);

    await knex.migrate.down({ directory: MIGRATIONS_DIR });
    for (const table of [
      'ops_requests_on_record',
      'ops_request_targets',
      'recertification_status',
      'recertification_reports',
    ]) {
      expect(await knex.schema.hasTable(table)).toBe(false);
    }
    expect(await knex.schema.hasTable('lookup_outcomes')).toBe(true);

    await knex.migrate.down({ directory: MIGRATIONS_DIR });
    expect(await knex.schema.hasTable('lookup_outcomes')).toBe(false);
    expect(await knex.schema.hasTable('ownership_history')).toBe(true);

    await knex.migrate.down({ directory: MIGRATIONS_DIR });
    expect(await knex.schema.hasTable('ownership_history')).toBe(false);
    expect(await knex.schema.hasTable('unrouted_alerts')).toBe(true);
    await knex.migrate.down({ directory: MIGRATIONS_DIR });
    expect(await knex.schema.hasTable('unrouted_alerts')).toBe(false);
  });
});
