/*
 * An alert storm: one Alertmanager webhook of 1,000 firing alerts (each its
 * own fingerprint, all on one owned service) delivered as the alert route
 * does, on SQLite (a file, as the embedded portal runs) and on the local
 * PostgreSQL. Side by side in one run with the alternative the portal had
 * before: each alert recorded in its own transaction and notified one after
 * another. Alertmanager's default webhook timeout is 10 s.
 *
 * The notification service is a stand-in that takes BENCH_NOTIFY_MS (default
 * 10) per send, as one HTTP call to the notifications backend does; no
 * vendor forwarders.
 *
 *   ./portalw yarn workspace @integrated-ops/plugin-integrated-ops-backend bench:alert-storm
 *
 * BENCH_ALERTS (default 1000), BENCH_N (default 3) webhooks of each kind;
 * BENCH_DATABASE (default postgresql://postgres@127.0.0.1:5432).
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Knex } from 'knex';
import { AlertDelivery } from '../../alerts/AlertDelivery';
import { readAlerts } from '../../alerts/alertPayload';
import { readAlertsConfig } from '../../alerts/alertsConfig';
import { UnroutedAlertStore } from '../../alerts/UnroutedAlertStore';
import { MIGRATIONS_DIR } from '../../database/migrateDatabase';
import { IncidentService } from '../../incidents/IncidentService';
import { IncidentStore } from '../../incidents/IncidentStore';
import { OwnershipIndex } from '../../index/OwnershipIndex';
import { onSqliteAndPostgres } from './benchDatabase';
import { formatMs, timeInterleaved } from './measure';
import { syntheticEstate } from './syntheticEstate';

const ALERTS = Number(process.env.BENCH_ALERTS ?? 1000);
const N = Number(process.env.BENCH_N ?? 3);
const NOTIFY_MS = Number(process.env.BENCH_NOTIFY_MS ?? 10);
const PG = process.env.BENCH_DATABASE ?? 'postgresql://postgres@127.0.0.1:5432';

const index = OwnershipIndex.build(
  syntheticEstate({ components: 100, segments: 100 }),
);

let webhook = 0;
/** A webhook of fresh fingerprints, so every alert opens an incident. */
const storm = () => {
  webhook++;
  return readAlerts({
    version: '4',
    alerts: Array.from({ length: ALERTS }, (_, i) => ({
      status: 'firing',
      labels: { alertname: 'Storm', hostname: 'svc-7.bench.internal' },
      fingerprint: `storm-${webhook}-${i}`,
    })),
  });
};

async function bench(name: string, db: Knex) {
  await db.migrate.latest({ directory: MIGRATIONS_DIR });
  const delivery = new AlertDelivery({
    notifications: {
      send: () => new Promise(r => setTimeout(r, NOTIFY_MS)),
    },
    forwarders: [],
    store: { add: async () => {} } as unknown as UnroutedAlertStore,
    config: readAlertsConfig(
      new ConfigReader({
        integratedOps: { alerts: { fallbackTeam: 'group:default/netops' } },
      }),
    ),
    logger: mockServices.rootLogger({ level: 'warn' }),
    incidents: new IncidentService({
      store: new IncidentStore(db),
      logger: mockServices.rootLogger({ level: 'warn' }),
    }),
  });
  const at = new Date('2026-03-04T02:13:00Z');
  const probe = await delivery.deliver(index, storm(), at, {});
  if (probe.results.some(r => r.outcome !== 'routed' || !r.incident)) {
    throw new Error('the storm must be routed and recorded to be measured');
  }
  const timings = await timeInterleaved(N, {
    batched: () => delivery.deliver(index, storm(), at, {}),
    // Before: every alert its own transaction, notified one after another.
    oneByOne: async () => {
      for (const alert of storm()) {
        await delivery.deliver(index, [alert], at, {});
      }
    },
  });
  console.log(
    `| ${name} | ${ALERTS} | ${formatMs(timings.batched.p50)} | ${formatMs(
      timings.batched.tail.max,
    )} | ${formatMs(timings.oneByOne.p50)} | ${formatMs(
      timings.oneByOne.tail.max,
    )} |`,
  );
}

async function main() {
  console.log(
    `| database | alerts per webhook | batched p50 | batched max | one by one p50 | one by one max |\n| --- | --- | --- | --- | --- | --- |`,
  );
  await onSqliteAndPostgres('storm', PG, (label, db) =>
    bench(`${label}, n=${N}`, db),
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
