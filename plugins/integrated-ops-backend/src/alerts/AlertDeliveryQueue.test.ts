/*
 * The queue that keeps an alert storm's deliveries across a restart: rows
 * written with the webhook, held by whoever sends them, taken by one sweep
 * once that hold lapses, gone once sent.
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';
import { MIGRATIONS_DIR } from '../database/migrateDatabase';
import { OwnershipIndex } from '../index/OwnershipIndex';
import {
  make,
  owned,
  sources,
  testCatalog,
} from '../__testUtils__/testCatalog';
import { AlertDelivery } from './AlertDelivery';
import { AlertDeliveryQueue } from './AlertDeliveryQueue';
import { readAlerts } from './alertPayload';
import { readAlertsConfig } from './alertsConfig';
import { UnroutedAlertStore } from './UnroutedAlertStore';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const index = OwnershipIndex.build([
  ...testCatalog,
  make(
    'Component',
    'fraud-scoring-service',
    { type: 'service', network: { hostnames: ['scoring.example'] } },
    owned('netops-edge', 'sre', 'soc-t1'),
    { ...sources('declared', 'declared', 'declared') },
  ),
]);

const T0 = new Date('2026-12-07T03:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

const storm = (n: number) =>
  readAlerts({
    version: '4',
    alerts: Array.from({ length: n }, (_, i) => ({
      status: 'firing',
      labels: { alertname: 'Storm', hostname: 'scoring.example' },
      fingerprint: `fp-${i}`,
    })),
  });

function optionsFor(knex: Knex) {
  return {
    forwarders: [],
    store: new UnroutedAlertStore(knex),
    config: readAlertsConfig(new ConfigReader({})),
    logger: mockServices.logger.mock(),
    queue: new AlertDeliveryQueue(knex),
    answerWithinMs: 100,
    claimMs: 2 * 60_000,
  };
}

function deliveryWith(
  knex: Knex,
  send: (n: NotificationSendOptions) => Promise<void>,
  now: () => Date,
) {
  return new AlertDelivery({
    ...optionsFor(knex),
    notifications: { send },
    now,
  });
}

describe.each(databases.eachSupportedId())('alert deliveries on %p', id => {
  let knex: Knex;
  let queue: AlertDeliveryQueue;

  beforeEach(async () => {
    knex = await databases.init(id);
    await knex.migrate.latest({ directory: MIGRATIONS_DIR });
    queue = new AlertDeliveryQueue(knex);
  });

  it('are held by their writer, then taken by one sweep only, oldest first', async () => {
    const jobs = Array.from({ length: 30 }, (_, i) => ({
      fingerprint: `fp-${i}`,
      forward: { teamRef: 'group:default/sre' } as any,
    }));
    const { ids } = await queue.enqueue(jobs, T0, minutes(2));
    expect(new Set(ids).size).toBe(30);
    // Still held by the writer.
    expect(
      (await queue.claimDue(minutes(1), minutes(3), 100, T0)).jobs,
    ).toEqual([]);
    // Two sweeps at once after the hold: each row to exactly one of them.
    const [a, b] = (
      await Promise.all([
        queue.claimDue(minutes(3), minutes(5), 100, T0),
        queue.claimDue(minutes(3), minutes(5), 100, T0),
      ])
    ).map(c => c.jobs);
    const taken = [...a, ...b].map(j => j.id);
    expect(taken.sort()).toEqual([...ids].sort());
    expect(a.length === 0 || b.length === 0).toBe(true);
    const mine = a.length ? a : b;
    expect(mine.map(j => j.fingerprint)).toEqual(jobs.map(j => j.fingerprint));
    expect(mine[0].forward).toEqual({ teamRef: 'group:default/sre' });
    await queue.done(ids.slice(0, 10));
    expect(await queue.pending()).toBe(20);
  });

  it('are renewed by their writer, and a sweep drops what a newer delivery or age made moot', async () => {
    const { claim } = await queue.enqueue(
      [{ fingerprint: 'fp-a' }, { fingerprint: 'fp-b' }],
      T0,
      minutes(2),
    );
    await queue.renew(claim, minutes(10));
    expect(
      (await queue.claimDue(minutes(3), minutes(5), 100, T0)).jobs,
    ).toEqual([]);
    // fp-a resolved later (a newer row); fp-c is too old to page for.
    await queue.enqueue([{ fingerprint: 'fp-a' }], minutes(1), minutes(2));
    await queue.enqueue(
      [{ fingerprint: 'fp-c' }],
      new Date(T0.getTime() - 3600_000),
      minutes(2),
    );
    const swept = await queue.claimDue(minutes(11), minutes(13), 100, T0);
    expect(swept.dropped).toBe(2);
    expect(swept.jobs.map(j => j.fingerprint)).toEqual(['fp-b', 'fp-a']);
    expect(await queue.pending()).toBe(2);
  });

  it('answer the webhook in time and send the rest after it, leaving nothing queued', async () => {
    const sent: string[] = [];
    const delivery = deliveryWith(
      knex,
      async n => {
        await new Promise(r => setTimeout(r, 40));
        sent.push((n.payload.scope ?? '').replace('integrated-ops.alert.', ''));
      },
      () => T0,
    );
    const answer = await delivery.deliver(index, storm(80), T0, {});
    // 80 alerts at 16 at a time and 40 ms each take about 200 ms: the
    // answer (at 100 ms) says which still go out.
    const later = answer.results.filter(r => r.delivering);
    expect(later.length).toBeGreaterThan(0);
    expect(later.every(r => r.notified.length === 0)).toBe(true);
    expect(answer.results.filter(r => !r.delivering).length).toBe(sent.length);
    await waitFor(async () => sent.length === 80 && !(await queue.pending()));
    expect(new Set(sent).size).toBe(80);
  });

  it('are sent once even when sending outlasts the claim', async () => {
    const sent: string[] = [];
    const slow = new AlertDelivery({
      ...optionsFor(knex),
      notifications: {
        send: async n => {
          await new Promise(r => setTimeout(r, 100));
          sent.push(n.payload.scope!);
        },
      },
      claimMs: 200, // renewed every 67 ms while sending
      now: () => new Date(),
    });
    const sweeper = new AlertDelivery({
      ...optionsFor(knex),
      notifications: { send: async n => void sent.push(n.payload.scope!) },
      claimMs: 200,
      now: () => new Date(),
    });
    await slow.deliver(index, storm(64), new Date(), {});
    // 64 at 16 at a time and 100 ms each: 400 ms, twice the claim.
    await new Promise(r => setTimeout(r, 250));
    expect(await sweeper.deliverQueued(index)).toBe(0);
    await waitFor(async () => sent.length >= 64 && !(await queue.pending()));
    expect(await sweeper.deliverQueued(index)).toBe(0);
    expect(sent).toHaveLength(64);
  });

  it('survive a replica that stops mid-storm: the next sweep sends what it left', async () => {
    // The first replica never gets a notification out (it is stopping).
    const first = deliveryWith(
      knex,
      () => new Promise(() => {}),
      () => T0,
    );
    const answer = await first.deliver(index, storm(20), T0, {});
    expect(answer.results.every(r => r.delivering)).toBe(true);
    expect(await queue.pending()).toBe(20);

    const sent: string[] = [];
    let now = minutes(1);
    const second = deliveryWith(
      knex,
      async n => void sent.push(n.payload.scope!),
      () => now,
    );
    // Within the first replica's hold: nothing is taken from it.
    expect(await second.deliverQueued(index)).toBe(0);
    now = minutes(3);
    expect(await second.deliverQueued(index)).toBe(20);
    expect(sent).toHaveLength(20);
    expect(sent[0]).toBe('integrated-ops.alert.fp-0');
    expect(await queue.pending()).toBe(0);
    expect(await second.deliverQueued(index)).toBe(0);
  });
});

async function waitFor(condition: () => Promise<boolean>) {
  for (let i = 0; i < 200; i++) {
    if (await condition()) return;
    await new Promise(r => setTimeout(r, 25));
  }
  throw new Error('condition not met within 5 s');
}
