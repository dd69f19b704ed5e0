/*
 * Benchmark: scorecards at 5,000 components. Not part of the test suite;
 * run on demand:
 *
 *   ./portalw yarn workspace @integrated-ops/plugin-scorecards-backend bench
 *
 * The portal's real plugins in one test backend (mock authentication,
 * SQLite in memory, a catalog of BENCH_COMPONENTS processed components,
 * default 5,000, in the in-memory catalog client): Tech Insights with its
 * JSON-rules-engine checker and the portal's 18 checks from app-config.yaml,
 * the four fact modules, ops-requests (re-certification), security-findings
 * and scorecards, and a local infrastructure repository with baselines and
 * expired rules. Then, side by side in one run:
 *  - all facts recomputed: the four retrievers triggered at once, until each
 *    has stored facts for the last component (BENCH_ROUNDS rounds, default 3;
 *    includes the scheduler's pick-up, up to 5 s);
 *  - one entity's scorecard over HTTP (GET /api/scorecards/entity),
 *    BENCH_SAMPLES sequential requests (default 500) for random components,
 *    p50 / p99; beside it Tech Insights' own check run for the entity
 *    (POST /api/tech-insights/checks/run/...), what the scorecard calls.
 */
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import techInsightsBackend from '@backstage-community/plugin-tech-insights-backend';
import { LocalGitRepositories } from '@integrated-ops/plugin-ops-requests-node';
import opsRequestsBackend from '@integrated-ops/plugin-ops-requests-backend';
import securityFindingsBackend from '@integrated-ops/plugin-security-findings-backend';
import connectivityFacts from '@integrated-ops/plugin-tech-insights-backend-module-connectivity';
import ownershipFacts from '@integrated-ops/plugin-tech-insights-backend-module-integrated-ops';
import recertificationFacts from '@integrated-ops/plugin-tech-insights-backend-module-ops-requests';
import scorecardsFactChecker from '@integrated-ops/plugin-tech-insights-backend-module-scorecards';
import securityFacts from '@integrated-ops/plugin-tech-insights-backend-module-security-findings';
import { readFileSync } from 'fs';
import { mkdtemp } from 'fs/promises';
import { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { performance } from 'perf_hooks';
import { parse } from 'yaml';
import { scorecardsPlugin } from '../src/plugin';
import { benchCatalog, benchManifests } from './benchEstate';

const env = (name: string, fallback: number) =>
  Number(process.env[name] ?? fallback);
const COMPONENTS = env('BENCH_COMPONENTS', 5000);
const SAMPLES = env('BENCH_SAMPLES', 500);
const ROUNDS = env('BENCH_ROUNDS', 3);
const log = (...args: unknown[]) => console.error('[bench]', ...args);

const RETRIEVERS = [
  'integratedOpsOwnershipFactRetriever',
  'opsRequestsRecertificationFactRetriever',
  'connectivityFactRetriever',
  'securityFindingsFactRetriever',
];

/** Hands the benchmark Tech Insights' scheduler, to trigger its retrievers. */
function schedulerHook(hooks: { scheduler?: SchedulerService }) {
  return createBackendModule({
    pluginId: 'tech-insights',
    moduleId: 'bench-scheduler',
    register(reg) {
      reg.registerInit({
        deps: { scheduler: coreServices.scheduler },
        async init({ scheduler }) {
          hooks.scheduler = scheduler;
        },
      });
    },
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (v: number) => `${v.toFixed(2)} ms`;

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'iop-bench-scorecards-'));
  const git = new LocalGitRepositories(join(dir, 'git'));
  await git.ensure(
    'infrastructure',
    '# infrastructure\n',
    benchManifests(COMPONENTS),
  );
  const appConfig = parse(
    readFileSync(resolve(__dirname, '../../../app-config.yaml'), 'utf8'),
  );
  const hooks: { scheduler?: SchedulerService } = {};
  const entities = benchCatalog(COMPONENTS);
  log(`${entities.length} entities, ${COMPONENTS} components; starting`);
  const backend = await startTestBackend({
    features: [
      schedulerServiceFactory,
      eventsServiceFactory,
      mockServices.rootLogger.factory({
        level: (process.env.BENCH_LOG_LEVEL as 'warn') ?? 'warn',
      }),
      catalogServiceMock.factory({ entities }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          integratedOps: {
            gitops: { localRoot: join(dir, 'git') },
            policy: {
              file: resolve(__dirname, '../../../policies/change-policy.yaml'),
            },
          },
          techInsights: {
            factRetrievers: Object.fromEntries(
              RETRIEVERS.map(id => [
                id,
                // Only the benchmark runs them.
                { cadence: '0 0 1 1 *', lifecycle: { maxItems: 2 } },
              ]),
            ),
            factChecker: appConfig.techInsights.factChecker,
          },
          scorecards: { campaigns: [] },
        },
      }),
      techInsightsBackend,
      scorecardsFactChecker,
      ownershipFacts,
      recertificationFacts,
      connectivityFacts,
      securityFacts,
      opsRequestsBackend,
      securityFindingsBackend,
      scorecardsPlugin,
      schedulerHook(hooks),
    ],
  });
  log('started');
  const { port } = backend.server.address() as AddressInfo;
  const base = `http://localhost:${port}/api`;
  const headers = {
    authorization: mockCredentials.user.header(),
    'content-type': 'application/json',
  };
  const last = `component:default/svc-${COMPONENTS - 1}`;

  const storedAt = async (id: string): Promise<number> => {
    const res = await fetch(
      `${base}/tech-insights/facts/latest?entity=${last}&ids[]=${id}`,
      { headers },
    );
    const body = await res.json();
    // Tech Insights' own timestamp reads as null on SQLite: every portal
    // retriever writes when it read its facts.
    const at = body[id]?.facts?.retrievedAt;
    return at ? Date.parse(at) : 0;
  };

  // Let what starting set off (snapshots, first events) settle.
  await new Promise(r => setTimeout(r, 15_000));

  const rounds: Record<string, number[]> = {};
  const totals: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const since = Date.now();
    const start = performance.now();
    for (const id of RETRIEVERS) {
      for (;;) {
        try {
          await hooks.scheduler!.triggerTask(id);
          break;
        } catch (error) {
          // Running already (an event set it off): trigger again after it.
          if ((error as Error).name !== 'ConflictError') throw error;
          await new Promise(r => setTimeout(r, 200));
        }
      }
    }
    await Promise.all(
      RETRIEVERS.map(async id => {
        while ((await storedAt(id)) < since) {
          if (performance.now() - start > 300_000) {
            throw new Error(`${id} stored no facts within 300 s`);
          }
          await new Promise(r => setTimeout(r, 100));
        }
        (rounds[id] ??= []).push((performance.now() - start) / 1000);
        log(`${id}: facts stored`);
      }),
    );
    totals.push((performance.now() - start) / 1000);
    log(`round ${round + 1}: all facts in ${totals.at(-1)!.toFixed(1)} s`);
  }

  const timeRequests = async (request: (i: number) => Promise<Response>) => {
    for (let i = 0; i < 50; i++) await (await request(i)).arrayBuffer();
    const times: number[] = [];
    for (let k = 0; k < SAMPLES; k++) {
      const i = Math.floor(Math.random() * COMPONENTS);
      const t0 = performance.now();
      const res = await request(i);
      await res.arrayBuffer();
      times.push(performance.now() - t0);
      if (!res.ok) throw new Error(`${res.status} for svc-${i}`);
    }
    return times.sort((a, b) => a - b);
  };
  const scorecard = await timeRequests(i =>
    fetch(`${base}/scorecards/entity?entity=component:default/svc-${i}`, {
      headers,
    }),
  );
  const checksRun = await timeRequests(i =>
    fetch(`${base}/tech-insights/checks/run/default/component/svc-${i}`, {
      method: 'POST',
      headers,
      body: JSON.stringify({}),
    }),
  );
  await backend.stop();

  console.log(
    `\n### ${COMPONENTS} components (${entities.length} entities), ${ROUNDS} rounds, ${SAMPLES} requests per row\n`,
  );
  console.log('| retriever | facts stored after (s), per round |');
  console.log('| --- | --- |');
  for (const id of RETRIEVERS) {
    console.log(`| ${id} | ${rounds[id].map(s => s.toFixed(1)).join(' / ')} |`);
  }
  console.log(
    `| **all four** | **${totals.map(s => s.toFixed(1)).join(' / ')}** |`,
  );
  console.log('\n| over HTTP | p50 | p99 | max |');
  console.log('| --- | --- | --- | --- |');
  for (const [name, times] of [
    ['GET /api/scorecards/entity (the scorecard)', scorecard],
    ['POST /api/tech-insights/checks/run/... (its check run alone)', checksRun],
  ] as const) {
    console.log(
      `| ${name} | ${ms(percentile(times, 50))} | ${ms(
        percentile(times, 99),
      )} | ${ms(times[times.length - 1])} |`,
    );
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
