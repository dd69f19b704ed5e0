import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DefaultEventsService } from '@backstage/plugin-events-node';
import {
  AuthorizeResult,
  Permission,
} from '@backstage/plugin-permission-common';
import knexFactory from 'knex';
import request from 'supertest';
import { asUser, testApp } from '../__testUtils__/testApp';
import { recordedRecertifications } from '../drift/recertificationsSource';
import { recordedChanges } from '../history/changesOnRecord';
import {
  OPS_REQUESTS_CHANGED_TOPIC,
  RECERTIFICATION_STATUS_TOPIC,
  RecertificationStatusItem,
  RequestOnRecord,
} from '@integrated-ops/plugin-integrated-ops-common';
import { MIGRATIONS_DIR } from '../database/migrateDatabase';
import { OpsRequestsRecords } from './OpsRequestsRecords';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const logger = mockServices.logger.mock();

const GATEWAY = 'component:default/gateway';

const requestOnRecord = (
  id: string,
  overrides: Partial<RequestOnRecord> = {},
): RequestOnRecord => ({
  id,
  kind: 'network-access',
  title: `Open 8443 (${id})`,
  state: 'pending',
  targets: [GATEWAY],
  requestedBy: 'user:default/tom',
  requestedAt: '2026-01-07T11:10:00.000Z',
  approvals: [],
  readAt: '2026-01-07T11:10:01.000Z',
  ...overrides,
});

const item = (
  declaredOn: string,
  state: RecertificationStatusItem['state'],
): RecertificationStatusItem => ({
  declaredOn,
  discipline: 'netops',
  team: 'group:default/netops-edge',
  entities: 1,
  state,
});

describe.each(databases.eachSupportedId())(
  'what ops-requests reported, recorded on %p',
  id => {
    async function setUp() {
      const knex = await databases.init(id);
      await knex.migrate.latest({ directory: MIGRATIONS_DIR });
      const records = new OpsRequestsRecords(knex, logger);
      // The real events service: ops-requests publishes, the lookup hears.
      const bus = DefaultEventsService.create({ logger });
      await records.subscribe(bus.forPlugin('integrated-ops'));
      const opsRequests = bus.forPlugin('ops-requests');
      const publish = (topic: string, eventPayload: object) =>
        opsRequests.publish({ topic, eventPayload });
      return { knex, records, publish };
    }

    it('records change requests by id, the newest state winning, whatever the order', async () => {
      const { records, publish } = await setUp();
      const applied = requestOnRecord('CR-1', {
        state: 'applied',
        approvals: [
          {
            role: 'netops',
            by: 'user:default/ana',
            at: '2026-01-07T11:20:00.000Z',
          },
        ],
        appliedAt: '2026-01-07T11:21:00.000Z',
        readAt: '2026-01-07T11:21:01.000Z',
      });
      await publish(OPS_REQUESTS_CHANGED_TOPIC, {
        requests: [
          applied,
          requestOnRecord('CR-2', {
            requestedAt: '2026-01-07T12:00:00.000Z',
            targets: [GATEWAY, 'component:default/payments-api'],
          }),
        ],
      });
      // A snapshot read before CR-1 was applied, delivered late; twice.
      for (let i = 0; i < 2; i++) {
        await publish(OPS_REQUESTS_CHANGED_TOPIC, {
          requests: [requestOnRecord('CR-1')],
        });
      }
      const list = (before: string, target = GATEWAY) =>
        records.changes.list({ target, before });
      expect(await list('2026-01-07T12:30:00.000Z')).toEqual([
        expect.objectContaining({ id: 'CR-2', state: 'pending' }),
        {
          id: 'CR-1',
          title: 'Open 8443 (CR-1)',
          kind: 'network-access',
          state: 'applied',
          requestedBy: 'user:default/tom',
          requestedAt: '2026-01-07T11:10:00.000Z',
          approvals: [
            {
              role: 'netops',
              by: 'user:default/ana',
              at: '2026-01-07T11:20:00.000Z',
            },
          ],
          appliedAt: '2026-01-07T11:21:00.000Z',
          revokedAt: undefined,
        },
      ]);
      // Filed at or before the moment asked about; only the entity's own.
      expect((await list('2026-01-07T11:30:00.000Z')).map(r => r.id)).toEqual([
        'CR-1',
      ]);
      expect(
        (
          await list(
            '2026-01-08T00:00:00.000Z',
            'component:default/payments-api',
          )
        ).map(r => r.id),
      ).toEqual(['CR-2']);

      // A later state replaces it, targets included.
      await publish(OPS_REQUESTS_CHANGED_TOPIC, {
        requests: [
          requestOnRecord('CR-2', {
            state: 'revoked',
            requestedAt: '2026-01-07T12:00:00.000Z',
            targets: ['component:default/payments-api'],
            revokedAt: '2026-01-07T13:00:00.000Z',
            readAt: '2026-01-07T13:00:01.000Z',
          }),
        ],
      });
      expect((await list('2026-01-08T00:00:00.000Z')).map(r => r.id)).toEqual([
        'CR-1',
      ]);
      expect(
        await list(
          '2026-01-08T00:00:00.000Z',
          'component:default/payments-api',
        ),
      ).toMatchObject([
        { id: 'CR-2', state: 'revoked', revokedAt: '2026-01-07T13:00:00.000Z' },
      ]);

      // Malformed payloads are ignored, not fatal.
      await publish(OPS_REQUESTS_CHANGED_TOPIC, { requests: 'CR-3' });
      await publish(OPS_REQUESTS_CHANGED_TOPIC, {
        requests: [{ id: 'CR-4', state: 'pending' }],
      });
      expect(await list('2026-01-08T00:00:00.000Z')).toHaveLength(1);
    });

    it('keeps the newest complete re-certification report, whole or not at all', async () => {
      const { records, publish } = await setUp();
      expect(await records.recertifications.current()).toBeUndefined();
      const part = (
        generatedAt: string,
        total: number,
        items: RecertificationStatusItem[],
      ) =>
        publish(RECERTIFICATION_STATUS_TOPIC, {
          generatedAt,
          periodDays: 180,
          total,
          items,
        });
      // First report in two parts: nothing until both are in.
      await part('2026-01-07T10:00:00.000Z', 3, [
        item('component:default/gateway', 'due'),
        item('component:default/payments-api', 'pending'),
      ]);
      expect(await records.recertifications.current()).toBeUndefined();
      await part('2026-01-07T10:00:00.000Z', 3, [
        item('system:default/payments', 'confirmed'),
      ]);
      const first = await records.recertifications.current();
      expect(first).toMatchObject({
        periodDays: 180,
        generatedAt: '2026-01-07T10:00:00.000Z',
      });
      expect(first?.items.map(i => [i.declaredOn, i.state])).toEqual([
        ['component:default/gateway', 'due'],
        ['component:default/payments-api', 'pending'],
        ['system:default/payments', 'confirmed'],
      ]);

      // The next report no longer names payments-api: once complete, gone.
      await part('2026-01-07T11:00:00.000Z', 2, [
        {
          ...item('component:default/gateway', 'handover-accepted'),
          handOverTo: 'group:default/netops-dc',
        },
        item('system:default/payments', 'confirmed'),
      ]);
      // An older report's part arriving late changes nothing.
      await part('2026-01-07T10:00:00.000Z', 3, [
        item('component:default/gateway', 'due'),
      ]);
      const second = await records.recertifications.current();
      expect(second?.generatedAt).toBe('2026-01-07T11:00:00.000Z');
      expect(second?.items).toEqual([
        {
          declaredOn: 'component:default/gateway',
          discipline: 'netops',
          team: 'group:default/netops-edge',
          entities: 1,
          state: 'handover-accepted',
          handOverTo: 'group:default/netops-dc',
        },
        item('system:default/payments', 'confirmed'),
      ]);

      // An empty report (the policy asks none any more) empties it.
      await publish(RECERTIFICATION_STATUS_TOPIC, {
        generatedAt: '2026-01-07T12:00:00.000Z',
        total: 0,
        items: [],
      });
      expect(await records.recertifications.current()).toEqual({
        generatedAt: '2026-01-07T12:00:00.000Z',
        items: [],
      });
    });
  },
);

describe('the lookup answers from what ops-requests reported', () => {
  /** The lookup app over records fed by events; `changesOnRecord`: whether the caller may read them. */
  async function appWith(changesOnRecord: boolean) {
    const db = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    await db.migrate.latest({ directory: MIGRATIONS_DIR });
    const records = new OpsRequestsRecords(db, logger);
    const bus = DefaultEventsService.create({ logger });
    await records.subscribe(bus.forPlugin('integrated-ops'));
    const decide = (permission: Permission) =>
      changesOnRecord ||
      permission.name !== 'integrated-ops.changes-on-record.read'
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY;
    const permissions = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(r => ({ result: decide(r.permission) })) as any,
      authorizeConditional: async requests =>
        requests.map(() => ({ result: AuthorizeResult.ALLOW })) as any,
    });
    const app = await testApp({
      permissions,
      changes: recordedChanges({ store: records.changes, permissions }),
      recertifications: recordedRecertifications({
        store: records.recertifications,
        permissions,
      }),
    });
    const opsRequests = bus.forPlugin('ops-requests');
    await opsRequests.publish({
      topic: OPS_REQUESTS_CHANGED_TOPIC,
      eventPayload: { requests: [requestOnRecord('CR-7')] },
    });
    return { app, db, opsRequests };
  }

  const asOf = (app: Parameters<typeof request>[0]) =>
    request(app)
      .get('/lookup')
      .query({ q: 'gateway', asOf: '2026-01-07T11:30:00Z' })
      .set(asUser);

  it('lists the changes on record to a caller who may read them', async () => {
    const { app, db } = await appWith(true);
    const res = await asOf(app);
    expect(res.status).toBe(200);
    expect(res.body.matches[0].answer.history).toMatchObject({
      changes: [{ id: 'CR-7', state: 'pending' }],
    });
    expect(res.body.matches[0].answer.history.changesUnavailable).toBe(
      undefined,
    );
    await db.destroy();
  });

  it('does not show them to a caller without the changes-on-record read permission', async () => {
    const { app, db } = await appWith(false);
    const res = await asOf(app);
    expect(res.status).toBe(200);
    const { history } = res.body.matches[0].answer;
    expect(history.changes).toEqual([]);
    expect(history.changesUnavailable).toContain(
      'integrated-ops.changes-on-record.read',
    );
    const coverage = await request(app).get('/coverage').set(asUser);
    expect(coverage.status).toBe(200);
    expect(coverage.body.recertification.unavailable).toContain(
      'integrated-ops.changes-on-record.read',
    );
    await db.destroy();
  });

  it('adds re-certification drift once a report came, and says so before', async () => {
    const { app, db, opsRequests } = await appWith(true);
    const before = await request(app).get('/coverage').set(asUser);
    expect(before.body.recertification.unavailable).toContain(
      'has not reported it yet',
    );
    await opsRequests.publish({
      topic: RECERTIFICATION_STATUS_TOPIC,
      eventPayload: {
        generatedAt: '2026-01-07T11:00:00.000Z',
        periodDays: 180,
        total: 1,
        items: [item('component:default/gateway', 'due')],
      },
    });
    const json = await request(app).get('/coverage').set(asUser);
    expect(json.body.recertification).toEqual({ periodDays: 180 });
    expect(json.body.drift).toContainEqual(
      expect.objectContaining({
        team: 'group:default/netops-edge',
        kind: 'ownership-unconfirmed',
      }),
    );
    await db.destroy();
  });
});
