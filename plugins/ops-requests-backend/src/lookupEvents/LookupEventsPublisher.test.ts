import { mockServices } from '@backstage/backend-test-utils';
import { EventParams } from '@backstage/plugin-events-node';
import {
  OPS_REQUESTS_CHANGED_TOPIC,
  readOpsRequestsChanged,
  readRecertificationStatus,
  RECERTIFICATION_STATUS_TOPIC,
} from '@integrated-ops/plugin-integrated-ops-common';
import { RecertificationStatus } from '@integrated-ops/plugin-ops-requests-common';
import knexFactory, { Knex } from 'knex';
import { sampleRequest } from '../__testUtils__/sampleRequest';
import {
  DatabaseRequestStore,
  MIGRATIONS_DIR,
} from '../requests/DatabaseRequestStore';
import { LookupEventsPublisher } from './LookupEventsPublisher';

const logger = mockServices.logger.mock();
const open: Knex[] = [];
afterAll(() => Promise.all(open.map(db => db.destroy())));

async function setUp(
  options: {
    report?: RecertificationStatus[];
    snapshotMaxRequests?: number;
  } = {},
) {
  const db = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  open.push(db);
  await db.migrate.latest({ directory: MIGRATIONS_DIR });
  const store = new DatabaseRequestStore(db);
  const published: EventParams[] = [];
  const publisher = new LookupEventsPublisher({
    events: {
      publish: async event => void published.push(event),
      subscribe: async () => {},
    },
    logger,
    list: filter => store.list(filter),
    recertifications: options.report
      ? async () => ({ periodDays: 180, items: options.report! })
      : undefined,
    flushAfterMs: 1,
    recertificationAfterMs: 1,
    snapshotMaxRequests: options.snapshotMaxRequests,
  });
  store.onChanged((request, readAt) =>
    publisher.requestChanged(request, readAt),
  );
  /** The requests the lookup reads from what was published, in order. */
  const requestsHeard = () =>
    published
      .filter(e => e.topic === OPS_REQUESTS_CHANGED_TOPIC)
      .flatMap(e => readOpsRequestsChanged(e.eventPayload)?.requests ?? []);
  return { store, publisher, published, requestsHeard };
}

const declaration = (
  declaredOn: string,
  state: RecertificationStatus['state'],
): RecertificationStatus => ({
  declaredOn,
  discipline: 'netops',
  team: 'group:default/netops-dc',
  entities: 3,
  state,
  confirmedBy: 'user:default/ana',
});

describe('LookupEventsPublisher', () => {
  it('tells the lookup of each request filed, decided and applied, as the lookup reads it', async () => {
    const { store, publisher, requestsHeard } = await setUp();
    const { id } = await store.create(sampleRequest());
    await store.approve({
      id,
      disciplines: ['netops', 'secops'],
      actor: 'user:default/ana',
      at: '2026-03-02T13:00:00.000Z',
    });
    await publisher.flush();
    await store.transition({
      id,
      from: ['approved'],
      to: 'applied',
      action: 'applied',
      actor: 'ops-requests:portal',
      at: '2026-03-02T13:01:00.000Z',
    });
    await publisher.flush();
    const heard = requestsHeard();
    // Filed and approved within one gathering: only the newest state.
    expect(heard.map(r => r.state)).toEqual(['approved', 'applied']);
    expect(heard[1]).toEqual({
      id,
      kind: 'network-access',
      title:
        'Network access: case-management-ui -> fraud-scoring-service (443/tcp)',
      state: 'applied',
      targets: [
        'component:default/fraud-scoring-service',
        'component:default/case-management-ui',
      ],
      requestedBy: 'user:default/guest',
      requestedAt: '2026-03-02T12:00:00.000Z',
      approvals: [
        {
          role: 'netops',
          by: 'user:default/ana',
          at: '2026-03-02T13:00:00.000Z',
        },
        {
          role: 'secops',
          by: 'user:default/ana',
          at: '2026-03-02T13:00:00.000Z',
        },
      ],
      appliedAt: '2026-03-02T13:01:00.000Z',
      revokedAt: undefined,
      readAt: expect.any(String),
    });
    expect(heard[1].readAt >= heard[0].readAt).toBe(true);
  });

  it('publishes a snapshot of every request, page by page, bounded, and the re-certification report in parts', async () => {
    const report = Array.from({ length: 620 }, (_, i) =>
      declaration(`component:default/c${i}`, i % 2 ? 'due' : 'confirmed'),
    );
    const { store, publisher, published, requestsHeard } = await setUp({
      report,
    });
    for (let i = 0; i < 450; i++) {
      const at = new Date(Date.UTC(2026, 2, 1, 0, i)).toISOString();
      await store.create(sampleRequest({ id: `cr-${i}`, requestedAt: at }));
    }
    await publisher.flush();
    published.length = 0;

    expect(await publisher.publishSnapshot()).toEqual({
      requests: 450,
      recertifications: 620,
    });
    const heard = requestsHeard();
    expect(new Set(heard.map(r => r.id)).size).toBe(450);
    const changed = published.filter(
      e => e.topic === OPS_REQUESTS_CHANGED_TOPIC,
    );
    // At most 50 an event.
    for (const event of changed) {
      expect((event.eventPayload as any).requests.length).toBeLessThanOrEqual(
        50,
      );
    }
    const parts = published
      .filter(e => e.topic === RECERTIFICATION_STATUS_TOPIC)
      .map(e => readRecertificationStatus(e.eventPayload)!);
    expect(parts.map(p => [p.total, p.items.length])).toEqual([
      [620, 500],
      [620, 120],
    ]);
    expect(new Set(parts.map(p => p.generatedAt)).size).toBe(1);
    expect(parts[0].items[0]).toEqual({
      declaredOn: 'component:default/c0',
      discipline: 'netops',
      team: 'group:default/netops-dc',
      entities: 3,
      state: 'confirmed',
    });

    // Bounded: the newest first.
    const bounded = await setUp({ snapshotMaxRequests: 120 });
    for (let i = 0; i < 250; i++) {
      const at = new Date(Date.UTC(2026, 2, 1, 0, i)).toISOString();
      await bounded.store.create(
        sampleRequest({ id: `cr-${i}`, requestedAt: at }),
      );
    }
    await bounded.publisher.flush();
    bounded.published.length = 0;
    expect((await bounded.publisher.publishSnapshot()).requests).toBe(120);
    expect(bounded.requestsHeard()[0].id).toBe('cr-249');
  });

  it('publishes the re-certification report after a re-certification request changed', async () => {
    const { store, publisher, published } = await setUp({
      report: [declaration('component:default/gateway', 'pending')],
    });
    await store.create(
      sampleRequest({ id: 'cr-recert', kind: 'ownership-recertification' }),
    );
    await new Promise(resolve => setTimeout(resolve, 20));
    await publisher.flushRecertifications();
    expect(published.map(e => e.topic)).toEqual([
      OPS_REQUESTS_CHANGED_TOPIC,
      RECERTIFICATION_STATUS_TOPIC,
    ]);
    expect(readRecertificationStatus(published[1].eventPayload)).toMatchObject({
      periodDays: 180,
      total: 1,
    });
  });

  it('logs a failed send and goes on', async () => {
    const warn = mockServices.logger.mock();
    const publisher = new LookupEventsPublisher({
      events: {
        publish: async () => {
          throw new Error('bus down');
        },
        subscribe: async () => {},
      },
      logger: warn,
      list: async () => [],
      recertifications: async () => ({ items: [] }),
    });
    expect(await publisher.publishSnapshot()).toEqual({
      requests: 0,
      recertifications: 0,
    });
    expect(warn.warn).toHaveBeenCalledWith(expect.stringContaining('bus down'));
  });
});
