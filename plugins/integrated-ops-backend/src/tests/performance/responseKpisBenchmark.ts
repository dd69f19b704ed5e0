/*
 * The response figures over 100,000 incidents (issue 34's budget: at most
 * 500 ms), on SQLite (a file, as the embedded portal runs) and on the local
 * PostgreSQL, side by side in one run with the alternative of reading whole
 * rows (every column, as a listing would) instead of the eight the figures
 * need. Each incident's entity is checked against a caller's read filter.
 *
 *   ./portalw yarn workspace @integrated-ops/plugin-integrated-ops-backend bench:response
 *
 * BENCH_INCIDENTS (default 100000), BENCH_N (default 10) answers of each kind;
 * BENCH_DATABASE (default postgresql://postgres@127.0.0.1:5432) for PostgreSQL.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { MIGRATIONS_DIR } from '../../database/migrateDatabase';
import { IncidentService } from '../../incidents/IncidentService';
import { IncidentStore } from '../../incidents/IncidentStore';
import { responseKpis } from '../../incidents/responseKpis';
import { onSqliteAndPostgres } from './benchDatabase';
import { formatMs, timeInterleaved } from './measure';

const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 100_000);
const N = Number(process.env.BENCH_N ?? 10);
const PG = process.env.BENCH_DATABASE ?? 'postgresql://postgres@127.0.0.1:5432';
const NOW = new Date('2026-03-31T00:00:00Z');
const DISCIPLINES = ['netops', 'devops', 'secops'] as const;

/** Deterministic pseudo-random numbers (mulberry32), so runs compare. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function fill(db: Knex) {
  const next = random(34);
  const rows = [];
  for (let i = 0; i < INCIDENTS; i++) {
    const opened = NOW.getTime() - next() * 29 * 86_400_000;
    const discipline = DISCIPLINES[i % 3];
    const team = `group:default/team-${i % 40}`;
    const acked = next() < 0.9 ? opened + next() * 3_600_000 : undefined;
    const resolved = next() < 0.8 ? opened + next() * 86_400_000 : undefined;
    const openedS = Math.floor(opened / 1000);
    rows.push({
      fingerprint: `fp-${i}`,
      open_fingerprint: resolved ? null : `fp-${i}`,
      opened_at: new Date(opened).toISOString(),
      opened_s: openedS,
      last_alert_at: new Date(opened).toISOString(),
      alerts: 1 + (i % 5),
      alertname: 'HighLatency',
      outcome: i % 50 === 0 ? 'fallback' : 'routed',
      entity_ref: `component:default/service-${i % 5000}`,
      discipline,
      team_ref: team,
      first_team_ref:
        i % 30 === 0 ? `group:default/team-${(i + 1) % 40}` : team,
      first_discipline: discipline,
      reroutes: i % 30 === 0 ? 1 : 0,
      notified: JSON.stringify([team, 'user:default/someone']),
      acknowledged_at: acked ? new Date(acked).toISOString() : null,
      acknowledged_by: acked ? 'user:default/someone' : null,
      tta_s: acked ? Math.floor(acked / 1000) - openedS : null,
      resolved_at: resolved ? new Date(resolved).toISOString() : null,
      ttr_s: resolved ? Math.floor(resolved / 1000) - openedS : null,
    });
  }
  for (let i = 0; i < rows.length; i += 500) {
    await db.batchInsert('alert_incidents', rows.slice(i, i + 500), 500);
  }
}

async function bench(name: string, db: Knex) {
  await db.migrate.latest({ directory: MIGRATIONS_DIR });
  await fill(db);
  const store = new IncidentStore(db);
  const service = new IncidentService({
    store,
    logger: mockServices.rootLogger({ level: 'warn' }),
  });
  // A caller who may not read one service in ten.
  const canRead = (ref: string) => !ref.endsWith('0');
  const from = new Date(NOW.getTime() - 30 * 86_400_000).toISOString();
  const timings = await timeInterleaved(N, {
    figures: () => service.response(canRead, { days: 30 }, NOW),
    rowsOnly: () => store.responseRows(from, NOW.toISOString(), 200_001),
    // The alternative: whole rows (every column), mapped to what the figures read.
    wholeRows: async () => {
      const rows = await db('alert_incidents')
        .where('opened_s', '>=', Date.parse(from) / 1000)
        .andWhere('opened_s', '<=', NOW.getTime() / 1000);
      return responseKpis(
        rows
          .filter(r => canRead(r.entity_ref))
          .map(r => ({
            openedS: Number(r.opened_s),
            ttaS: r.tta_s,
            ttrS: r.ttr_s,
            outcome: r.outcome,
            entityRef: r.entity_ref,
            discipline: r.discipline,
            team: r.team_ref,
            firstTeam: r.first_team_ref,
            firstDiscipline: r.first_discipline,
          })),
        { from, to: NOW.toISOString(), truncated: false },
      );
    },
  });
  const figures = await service.response(canRead, { days: 30 }, NOW);
  console.error(
    `${name}: reading rows alone p50 ${formatMs(timings.rowsOnly.p50)}`,
  );
  console.log(
    `| ${name} | ${INCIDENTS} | ${figures.incidents} | ${formatMs(
      timings.figures.p50,
    )} | ${formatMs(timings.figures.tail.max)} | ${formatMs(
      timings.wholeRows.p50,
    )} | ${formatMs(timings.wholeRows.tail.max)} |`,
  );
}

async function main() {
  console.log(
    `| database | incidents stored | counted (readable) | figures p50 | figures max | whole rows p50 | whole rows max |\n| --- | --- | --- | --- | --- | --- | --- |`,
  );
  await onSqliteAndPostgres('response', PG, (label, db) =>
    bench(`${label}, n=${N}`, db),
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
