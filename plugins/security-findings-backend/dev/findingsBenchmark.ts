/*
 * Benchmark: security findings at scale on PostgreSQL. Not part of the test
 * suite; run on demand (the local PostgreSQL, or BENCH_DATABASE):
 *
 *   yarn workspace @integrated-ops/plugin-security-findings-backend bench
 *
 * The plugin runs in a test backend (mock authentication) on a fresh
 * database, with a catalog of BENCH_COMPONENTS components (default 5,000)
 * holding BENCH_PER_COMPONENT open findings each (default 20: 100,000),
 * a third of them past due. Then, side by side in one run:
 *  - a BENCH_BIG_RESULTS-result SARIF (default 40,000, about 50 MB) posted
 *    gzipped over HTTP as a scanner posts it, with the process's peak memory;
 *    beside it the naive path: the same findings inserted one row per INSERT;
 *  - a component's card (GET /findings?limit=8) and the SecOps overview
 *    (GET /overview) over HTTP, p50 / p99;
 *  - the breach check over all findings (each breach claimed and told, with
 *    a notification service that only counts) and the owners' re-read.
 */
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { DEFAULT_SLA_POLICY } from '@integrated-ops/plugin-security-findings-common';
import knexFactory, { Knex } from 'knex';
import { AddressInfo } from 'net';
import { performance } from 'perf_hooks';
import { gzipSync } from 'zlib';
import { BreachNotifier } from '../src/breaches/BreachNotifier';
import { rerouteOpenFindings } from '../src/breaches/rerouteOpenFindings';
import { entityPath, securityFindingsPlugin } from '../src/plugin';

const env = (name: string, fallback: number) =>
  Number(process.env[name] ?? fallback);
const COMPONENTS = env('BENCH_COMPONENTS', 5000);
const PER_COMPONENT = env('BENCH_PER_COMPONENT', 20);
const BIG = env('BENCH_BIG_RESULTS', 40_000);
const SERVER =
  process.env.BENCH_DATABASE ?? 'postgresql://postgres@127.0.0.1:5432';
const log = (...args: unknown[]) => console.error('[bench]', ...args);
const DAY = 86_400_000;

const ref = (i: number) => `component:default/svc-${i}`;

function component(i: number): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `svc-${i}`,
      namespace: 'default',
      tags: i % 3 === 0 ? ['pci'] : [],
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-x' },
    relations: [
      { type: 'devopsOwnedBy', targetRef: `group:default/devops-${i % 40}` },
      { type: 'netopsOwnedBy', targetRef: `group:default/netops-${i % 10}` },
      { type: 'secopsOwnedBy', targetRef: 'group:default/soc-tier1' },
    ],
  };
}

/** A catalog of the estate in memory; every user may read everything. */
function benchCatalog(): CatalogService {
  const byRef = new Map<string, Entity>();
  for (let i = 0; i < COMPONENTS + 2; i++) {
    const e = component(i);
    byRef.set(stringifyEntityRef(e), e);
  }
  return {
    async getEntityByRef(r: string) {
      return byRef.get(r.toLocaleLowerCase('en-US'));
    },
    async getEntitiesByRefs({ entityRefs }: { entityRefs: string[] }) {
      return { items: entityRefs.map(r => byRef.get(r) ?? null) };
    },
  } as unknown as CatalogService;
}

/** A SARIF log of `n` results of one rule, each with its fingerprint and about `size` characters of message. */
function sarif(n: number, size: number, tag: string) {
  const text = 'x'.repeat(size);
  return {
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'semgrep',
            rules: [{ id: 'bench.rule', shortDescription: { text: 'Bench' } }],
          },
        },
        results: Array.from({ length: n }, (_, i) => ({
          ruleId: 'bench.rule',
          level: i % 4 === 0 ? 'error' : 'warning',
          message: { text: `${tag} ${i}: ${text}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: `src/file-${i % 500}.ts` },
                region: { startLine: (i % 900) + 1 },
              },
            },
          ],
          partialFingerprints: { primaryLocationLineHash: `${tag}-${i}` },
        })),
      },
    ],
  };
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 0)} ms`;

async function timeRequests(n: number, call: (i: number) => Promise<void>) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await call(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: pct(times, 50), p99: pct(times, 99) };
}

/** 100,000 open findings as the store keeps them, a third past due, inserted in bulk. */
async function seed(db: Knex) {
  const now = Date.now();
  const rows = [];
  for (let c = 0; c < COMPONENTS; c++) {
    for (let f = 0; f < PER_COMPONENT; f++) {
      const past = (c * PER_COMPONENT + f) % 3 === 0;
      const first = new Date(now - (past ? 200 : 5) * DAY).toISOString();
      const due = new Date(now + (past ? -20 : 25) * DAY).toISOString();
      rows.push({
        entity_ref: ref(c),
        tool: 'trivy',
        fingerprint: `${c}-${f}-`.padEnd(64, '0'),
        identity_basis: 'vulnerability',
        scanner: 'trivy',
        rule_id: `CVE-2026-${f}`,
        category: f % 5 === 0 ? 'network' : 'dependency',
        severity: ['critical', 'high', 'medium', 'low'][f % 4],
        title: `CVE-2026-${f}`,
        message: 'Package: libssl',
        links: '[]',
        discipline: f % 5 === 0 ? 'netops' : 'devops',
        visible_to: '["devops"]',
        owner_ref:
          f % 5 === 0
            ? `group:default/netops-${c % 10}`
            : `group:default/devops-${c % 40}`,
        status: 'open',
        first_seen: first,
        last_seen: first,
        received_at: first,
        due_at: due,
      });
      if (rows.length === 1000) {
        await db('security_findings').insert(rows.splice(0));
      }
    }
  }
  if (rows.length) await db('security_findings').insert(rows);
}

async function main() {
  const name = `bench_sf_${Date.now().toString(36)}`;
  const server = knexFactory({ client: 'pg', connection: SERVER });
  await server.raw('CREATE DATABASE ??', [name]);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const db = knexFactory({
    client: 'pg',
    connection: url.toString(),
    pool: { min: 0, max: 10 },
  });
  let told = 0;
  const hooks: { db?: Knex } = {};
  const backend = await startTestBackend({
    features: [
      securityFindingsPlugin,
      mockServices.database.factory({ knex: db }),
      // The breach check is timed here, not run by the plugin's schedule.
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () =>
          ({
            scheduleTask: async () => {},
            triggerTask: async () => {},
          } as any),
      }),
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => benchCatalog(),
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          async send() {
            told++;
          },
        }),
      }),
      mockServices.rootConfig.factory({
        data: {
          integratedOps: {
            securityFindings: {
              reporters: ['bench'],
              breachCheckMinutes: 1440,
            },
          },
        },
      }),
      createBackendModule({
        pluginId: 'security-findings',
        moduleId: 'bench-hooks',
        register(reg) {
          reg.registerInit({
            deps: { database: coreServices.database },
            async init({ database }) {
              hooks.db = await database.getClient();
            },
          });
        },
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}/api/security-findings`;
  const user = { authorization: mockCredentials.user.header() };
  const rows: Array<[string, string, string]> = [];
  try {
    log(
      `seeding ${
        COMPONENTS * PER_COMPONENT
      } open findings on ${COMPONENTS} components`,
    );
    let start = performance.now();
    await seed(db);
    log(`seeded in ${ms(performance.now() - start)}`);

    // The big report over HTTP, gzipped, as a scanner posts it.
    const doc = sarif(BIG, 1150, 'big');
    const text = JSON.stringify(doc);
    const body = gzipSync(text);
    log(
      `report: ${BIG} results, ${(text.length / 1e6).toFixed(1)} MB (${(
        body.length / 1e6
      ).toFixed(1)} MB gzipped)`,
    );
    const rssBefore = process.memoryUsage().rss;
    start = performance.now();
    const res = await fetch(
      `${base}/reports?entity=${encodeURIComponent(
        ref(COMPONENTS),
      )}&tool=semgrep&format=sarif`,
      {
        method: 'POST',
        headers: {
          authorization: mockCredentials.service.header({
            onBehalfOf: mockCredentials.service('bench'),
            targetPluginId: 'security-findings',
          }),
          'content-type': 'application/json',
          'content-encoding': 'gzip',
        },
        body,
      },
    );
    const answer = await res.json();
    if (res.status !== 200) throw new Error(JSON.stringify(answer));
    const ingestMs = performance.now() - start;
    const peakMb = process.resourceUsage().maxRSS / 1024;
    rows.push([
      `${BIG}-result SARIF (${(text.length / 1e6).toFixed(
        0,
      )} MB) over HTTP, gzipped: parse, route, one transaction`,
      ms(ingestMs),
      `${answer.opened} opened; process peak RSS ${peakMb.toFixed(
        0,
      )} MB (before: ${(rssBefore / 1e6).toFixed(0)} MB)`,
    ]);

    // The naive path: the same rows, one INSERT each.
    const model = await db('security_findings')
      .where({ entity_ref: ref(COMPONENTS) })
      .select();
    start = performance.now();
    await db.transaction(async trx => {
      for (const r of model) {
        const { id: _id, ...rest } = r;
        await trx('security_findings').insert({
          ...rest,
          entity_ref: ref(COMPONENTS + 1),
        });
      }
    });
    rows.push([
      `naive: the same ${model.length} findings, one INSERT each (no parsing)`,
      ms(performance.now() - start),
      '',
    ]);

    // A component's card over HTTP.
    const card = await timeRequests(500, async i => {
      const r = await fetch(
        `${base}/findings?entity=${encodeURIComponent(
          ref((i * 7919) % COMPONENTS),
        )}&limit=8`,
        { headers: user },
      );
      await r.arrayBuffer();
    });
    rows.push([
      `component card: GET /findings?limit=8 (${PER_COMPONENT} open each), 500 sequential`,
      `p50 ${ms(card.p50)}`,
      `p99 ${ms(card.p99)}`,
    ]);
    const overview = await timeRequests(20, async () => {
      const r = await fetch(`${base}/overview`, { headers: user });
      await r.arrayBuffer();
    });
    rows.push([
      `SecOps overview: GET /overview over ${
        COMPONENTS * PER_COMPONENT + 2 * BIG
      } open findings, 20 sequential`,
      `p50 ${ms(overview.p50)}`,
      `p99 ${ms(overview.p99)}`,
    ]);

    // The breach check over all findings: every breach claimed and told
    // (the owning teams first, then, a day later, the SOC tier).
    const notifierAt = (at: Date, escalateTo?: string) =>
      new BreachNotifier({
        db: hooks.db!,
        notifications: {
          async send() {
            told++;
          },
        },
        onCall: async () => [],
        sla: { ...DEFAULT_SLA_POLICY, escalateTo, escalateAfterHours: 24 },
        logger: mockServices.rootLogger({ level: 'warn' }),
        entityPath,
        graceMinutes: 5,
        now: () => at,
      });
    const checkAll = async (notifier: BreachNotifier) => {
      const begin = performance.now();
      let runs = 0;
      let count = 0;
      for (;;) {
        const run = await notifier.run();
        runs++;
        count += run.notified + run.escalated;
        if (run.notified === 0 && run.escalated === 0) break;
      }
      return { ms: performance.now() - begin, runs, count };
    };
    const teams = await checkAll(notifierAt(new Date()));
    rows.push([
      'breach check over all findings: each past-due one claimed and told to its team once',
      ms(teams.ms),
      `${teams.count} told in ${teams.runs} runs of at most 2,000, ${told} notifications`,
    ]);
    const soc = await checkAll(
      notifierAt(new Date(Date.now() + 2 * DAY), 'group:default/soc-tier2'),
    );
    rows.push([
      'the same a day later: each escalated to the SOC tier once',
      ms(soc.ms),
      `${soc.count} escalated in ${soc.runs} runs`,
    ]);
    const notifier = new BreachNotifier({
      db: hooks.db!,
      notifications: {
        async send() {
          told++;
        },
      },
      onCall: async () => [],
      sla: {
        ...DEFAULT_SLA_POLICY,
        escalateTo: 'group:default/soc-tier2',
        escalateAfterHours: 24,
      },
      logger: mockServices.rootLogger({ level: 'warn' }),
      entityPath,
      graceMinutes: 5,
    });
    start = performance.now();
    const again = await notifier.run();
    rows.push([
      'breach check, one run when nothing is new',
      ms(performance.now() - start),
      `${again.notified} told`,
    ]);
    start = performance.now();
    const moved = await rerouteOpenFindings({
      db: hooks.db!,
      catalog: benchCatalog(),
      auth: mockServices.auth(),
    });
    rows.push([
      `owners re-read from the catalog (${COMPONENTS + 2} components)`,
      ms(performance.now() - start),
      `${moved} groups moved`,
    ]);
  } finally {
    await backend.stop();
    await db.destroy();
    await server.raw('DROP DATABASE ?? WITH (FORCE)', [name]);
    await server.destroy();
  }
  console.log(`| what | time | notes |\n|---|---|---|`);
  for (const [what, a, b] of rows) console.log(`| ${what} | ${a} | ${b} |`);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
