/*
 * Benchmark: incident lookups at scale, and the same answers assembled from
 * the plain catalog API. Not part of the test suite; run on demand:
 *
 *   yarn workspace @integrated-ops/plugin-integrated-ops-backend bench
 *
 * Phase A (BENCH_COMPONENTS / BENCH_SEGMENTS, default 100k / 100k): the
 * plugin in a real backend loads its index through its real path
 * (streamEntities -> OwnershipIndexService -> OwnershipIndex) from an
 * in-memory catalog service holding the estate as the catalog serves it after
 * processing; then in-process and HTTP (loopback) timings, index memory, and
 * freshness: time from the catalog serving a change to the lookup answering
 * it, by events and by the periodic listing alone (./freshness.ts).
 *
 * Phase L (BENCH_PHASES=L; BENCH_LOAD_COMPONENTS / _SEGMENTS / _BUSY /
 * _SAMPLES): a single lookup's p99 while the largest allowed batches run,
 * beside its p99 when the server is otherwise idle (see phaseLoad).
 *
 * Phase B (BENCH_CATALOG_COMPONENTS / BENCH_CATALOG_SEGMENTS): a real
 * catalog backend with the typed-ownership module ingests the raw estate; the
 * plugin's HTTP answers are timed against the same answers assembled from the
 * catalog API, on the same catalog. With BENCH_DATABASE=postgresql://... the
 * backend's plugins use that PostgreSQL server (fresh databases, dropped
 * afterwards) and phase B defaults to phase A's size. Without it they use
 * SQLite in memory and phase B defaults to 10k / 10k: on SQLite the catalog
 * deletes each processed entity's refresh references with a query that scans
 * the whole table (`source_entity_ref = ? or 1 = ?`), so it ingests 25-70
 * entities/s on two cores and slows as it grows; phase A's size would take
 * over two hours.
 */
import { monitorEventLoopDelay, performance } from 'perf_hooks';
import { blastRadius } from '../../answer/blastRadius';
import { lookup } from '../../answer/lookup';
import { OwnershipIndex } from '../../index/OwnershipIndex';
import {
  BenchBackend,
  withInMemoryCatalog,
  withRealCatalog,
} from './benchBackends';
import { benchQueries } from './benchQueries';
import { inClientProcess, startClientProcess } from './clientProcess';
import { benchAuth } from './benchAuth';
import { onPostgres } from './benchDatabase';
import { profiled } from './profiled';
import { fetchOnce } from './fetchOnce';
import { freshnessRows } from './freshness';
import {
  formatMs,
  time,
  timeInterleaved,
  TimingRow,
  timingTable,
} from './measure';
import { processedEstate } from './processedEstate';
import { watchGc } from './watchGc';
import {
  BUSY_IP,
  busySegment,
  EstateSize,
  syntheticEstate,
} from './syntheticEstate';
import { BATCH_LIMITS } from '../../answer/batchLookup';
import { keptParts } from '../../answer/answerParts';

/** The heap in use after a full collection (with --expose-gc, as `bench` runs). */
function heapAfterGc(): number {
  (global as any).gc?.();
  return process.memoryUsage().heapUsed;
}

const env = (name: string, fallback: number) =>
  Number(process.env[name] ?? fallback);
const AT = new Date('2026-03-02T12:00:00Z');
const log = (...args: unknown[]) => console.error('[bench]', ...args);

const authLine = () =>
  `- authentication and permissions: ${benchAuth().description}`;

/** The plugin's HTTP timings from a client process, with this (server) process's GC pauses. */
async function httpRows(
  backend: BenchBackend,
  size: EstateSize,
  n: number,
  catalogByName = false,
): Promise<{ rows: TimingRow[]; gc: string }> {
  const gc = watchGc();
  const rows = await profiled('http-lookups', () =>
    inClientProcess({
      job: 'plugin',
      baseUrl: backend.baseUrl,
      headers: backend.headers,
      size,
      n,
      catalogByName,
    }),
  );
  const { count, totalMs, maxMs, over2ms } = gc();
  for (const { query, timing } of rows) log(`HTTP ${query} tail:`, timing.tail);
  return {
    rows,
    gc: `- server-process garbage collection during the HTTP runs: ${count} pauses, ${over2ms} over 2 ms, longest ${maxMs.toFixed(
      1,
    )} ms, ${totalMs.toFixed(0)} ms in all`,
  };
}

async function phaseA(size: EstateSize) {
  log(
    `phase A: generating ${size.components} components, ${size.segments} segments`,
  );
  (global as any).gc?.();
  const heapEmpty = process.memoryUsage().heapUsed;
  const { entities, relations } = await processedEstate(syntheticEstate(size));
  (global as any).gc?.();
  const entitiesMiB = (process.memoryUsage().heapUsed - heapEmpty) / 2 ** 20;
  log('phase A: processed estate ready');
  const refreshStart = performance.now();
  const backend = await withInMemoryCatalog(entities);
  log('phase A: backend started');
  await backend.waitForIndex(entities.length);
  const refreshSeconds = (performance.now() - refreshStart) / 1000;
  log(
    `phase A: first index built through the plugin in ${refreshSeconds.toFixed(
      1,
    )} s`,
  );
  // HTTP first, before this script builds its own second index in the same heap.
  const heapBeforeHttp = heapAfterGc();
  const http = await httpRows(backend, size, 3000);
  const httpHeapMiB = (heapAfterGc() - heapBeforeHttp) / 2 ** 20;
  log('phase A: freshness');
  const freshness = await freshnessRows(backend, size.components, {
    events: env('BENCH_FRESHNESS_SAMPLES', 40),
    listing: env('BENCH_LISTING_SAMPLES', 6),
  });
  // A second refresh finds nothing changed: the listing of keys and etags only.
  const unchangedStart = performance.now();
  await backend.refreshIndex(entities.length);
  const unchangedSeconds = (performance.now() - unchangedStart) / 1000;
  await backend.stop();

  (global as any).gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const buildStart = performance.now();
  const index = OwnershipIndex.build(entities, AT);
  const buildSeconds = (performance.now() - buildStart) / 1000;
  (global as any).gc?.();
  const indexMiB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;

  const q = benchQueries(size);
  const status = { stale: false, entities: index.size };
  const components = entities.filter(e => e.kind === 'Component');
  const patch = await time(5, round =>
    index.apply({
      removed: [],
      upserted: components.slice(round * 1000, (round + 1) * 1000).map(e => ({
        ...e,
        metadata: { ...e.metadata, description: `changed ${round}` },
      })),
    }),
  );
  const heapBeforeAnswers = heapAfterGc();
  const inProcess = await timeInterleaved(5000, {
    ref: i => lookup(index, status, q.ref(i), AT),
    hostname: i => lookup(index, status, q.hostname(i), AT),
    ip: i => lookup(index, status, q.ip(i), AT),
  });
  const rows: TimingRow[] = [
    {
      query: 'IP longest-prefix only',
      path: 'in-process',
      timing: await time(100_000, i => index.segments.longestMatch(q.ip(i))),
    },
    { query: 'lookup by ref', path: 'in-process', timing: inProcess.ref },
    {
      query: 'lookup by hostname',
      path: 'in-process',
      timing: inProcess.hostname,
    },
    { query: 'lookup by IP', path: 'in-process', timing: inProcess.ip },
    {
      query: 'blast radius, 3 hops',
      path: 'in-process',
      timing: await time(500, i => blastRadius(index, status, q.ref(i), 3, AT)),
    },
    ...http.rows,
  ];
  const partsMiB = (heapAfterGc() - heapBeforeAnswers) / 2 ** 20;
  const parts = keptParts(index);
  return [
    `### Phase A: ${size.components} components, ${size.segments} network segments (${entities.length} entities, ${relations} relations)`,
    '',
    `- backend start to first index (startup, catalog sync, build): ${refreshSeconds.toFixed(
      1,
    )} s; build alone: ${buildSeconds.toFixed(1)} s`,
    `- plugin refresh with nothing changed (key and etag listing): ${unchangedSeconds.toFixed(
      1,
    )} s`,
    `- patching the index with 1000 changed components: ${formatMs(
      patch.p50,
    )} p50 over ${patch.n} patches`,
    `- index memory (heap growth of one build): ${indexMiB.toFixed(0)} MiB${
      (global as any).gc ? '' : ' (approximate: run with --expose-gc)'
    }`,
    `- the entities themselves, as the catalog serves them (held once, shared by the plugin's mirror and index): ${entitiesMiB.toFixed(
      0,
    )} MiB`,
    `- answer parts kept after the in-process runs (15000 lookups, 500 blast radii): ${parts} parts, heap ${partsMiB.toFixed(
      1,
    )} MiB over the index; the server's heap after its HTTP runs: ${httpHeapMiB.toFixed(
      1,
    )} MiB over before them`,
    http.gc,
    authLine(),
    '',
    timingTable(rows),
    '',
    freshness,
  ].join('\n');
}

async function phaseB(size: EstateSize) {
  log(
    `phase B: real catalog ingesting ${size.components} components, ${size.segments} segments`,
  );
  const raw = syntheticEstate(size);
  const started = performance.now();
  const backend = await withRealCatalog(raw);
  const owned = raw.filter(e =>
    ['Component', 'Resource', 'System', 'Domain'].includes(e.kind),
  ).length;
  for (;;) {
    const res = await fetchOnce(
      `${backend.baseUrl}/api/catalog/entities/by-query?limit=1&filter=metadata.annotations.integrated-ops.io/netops-owner-source`,
      { headers: backend.headers },
    );
    const { totalItems } = await res.json();
    log(
      `phase B: ${totalItems}/${owned} processed after ${Math.round(
        (performance.now() - started) / 1000,
      )} s`,
    );
    if (totalItems >= owned) break;
    await new Promise(r => setTimeout(r, 10_000));
  }
  const ingestSeconds = (performance.now() - started) / 1000;
  await backend.refreshIndex(raw.length);

  const http = await httpRows(backend, size, 1000, true);
  const viaCatalog = await inClientProcess({
    job: 'catalog',
    baseUrl: backend.baseUrl,
    headers: backend.headers,
    size,
    at: AT.toISOString(),
    n: { ref: 300, hostname: 300, ip: 10, blast: 20 },
  });
  await backend.stop();
  const ratios = viaCatalog.map(c => {
    const h = http.rows.find(r => r.query === c.query)!;
    return `- ${c.query}: HTTP p50 ${(c.timing.p50 / h.timing.p50).toFixed(
      0,
    )}x faster, p99 ${(c.timing.p99 / h.timing.p99).toFixed(
      0,
    )}x faster than the catalog-API path`;
  });
  return [
    `### Phase B: real catalog on ${
      onPostgres() ? 'PostgreSQL' : 'SQLite in memory'
    }, ${size.components} components, ${size.segments} network segments (${
      raw.length
    } entities)`,
    '',
    `- catalog ingestion and processing: ${ingestSeconds.toFixed(0)} s`,
    authLine(),
    '',
    timingTable([...http.rows, ...viaCatalog]),
    '',
    http.gc,
    '',
    ...ratios,
  ].join('\n');
}

/**
 * Phase L, load: a single lookup's latency while the largest batches the
 * route allows run back to back, beside the same lookup's latency with the
 * server otherwise idle. The batches: 1,000 lookups of an IP in a busy
 * segment (BENCH_LOAD_BUSY services declared in it: each lists 20 matches,
 * the best in full, until the 10 MB answer budget), and 20 of it with every
 * match in full; each query with its own port, so none is answered from an
 * identical one. Three processes: this server, a client sending the
 * batches, a client timing single lookups by IP (as phase A does).
 */
/**
 * The busy IP n times, each with its own port: n distinct queries (a batch
 * looks each distinct query up once), every one a lookup of the busy IP.
 */
const busyQueries = (n: number) =>
  Array.from({ length: n }, (_, i) => `${BUSY_IP}:${1000 + i}`);

async function phaseLoad(size: EstateSize, busy: number, n: number) {
  log(
    `phase L: ${size.components} components, ${size.segments} segments, ${busy} more in one segment`,
  );
  const { entities } = await processedEstate([
    ...syntheticEstate(size),
    ...busySegment(busy),
  ]);
  const backend = await withInMemoryCatalog(entities);
  await backend.waitForIndex(entities.length);
  log('phase L: index built; single lookups, idle');
  const server = { baseUrl: backend.baseUrl, headers: backend.headers };
  const singles = (label: string) =>
    inClientProcess({ job: 'singles', ...server, size, n, label });
  const [idle] = await singles('lookup by IP, server otherwise idle');
  log('phase L: single lookups while maximal batches run');
  const gc = watchGc();
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  const batches = startClientProcess({
    job: 'batches',
    ...server,
    batches: [
      {
        label: `batch of ${BATCH_LIMITS.maxQueries} x ${BUSY_IP}:port (default detail)`,
        body: { queries: busyQueries(BATCH_LIMITS.maxQueries) },
      },
      {
        label: `batch of ${BATCH_LIMITS.maxFullQueries} x ${BUSY_IP}:port, detail full`,
        body: {
          queries: busyQueries(BATCH_LIMITS.maxFullQueries),
          detail: 'full',
        },
      },
    ],
  });
  await new Promise(r => setTimeout(r, 1000)); // the batches are under way
  const [loaded] = await singles(
    'lookup by IP, while maximal batches run back to back',
  );
  const batchRows = await batches.stop();
  const pauses = gc();
  loopDelay.disable();
  const delayMs = (p: number) => (loopDelay.percentile(p) / 1e6).toFixed(1);
  await backend.stop();
  const ratio = loaded.timing.p99 / idle.timing.p99;
  return [
    `### Phase L: a single lookup while the largest allowed batches run (${size.components} components, ${size.segments} segments, ${busy} more services in ${BUSY_IP}'s segment; ${entities.length} entities)`,
    '',
    authLine(),
    `- server-process garbage collection while the batches ran: ${
      pauses.count
    } pauses, ${pauses.over2ms} over 2 ms, longest ${pauses.maxMs.toFixed(
      1,
    )} ms`,
    `- the server's event loop delay while the batches ran: p50 ${delayMs(
      50,
    )} ms, p99 ${delayMs(99)} ms, max ${(loopDelay.max / 1e6).toFixed(1)} ms`,
    `- single lookup p99 under load / idle: ${ratio.toFixed(
      2,
    )}x (goal: within 2x)`,
    '',
    timingTable([idle, loaded, ...batchRows]),
  ].join('\n');
}

async function main() {
  const phases = process.env.BENCH_PHASES ?? 'AB';
  if (phases.includes('A')) {
    const a = await phaseA({
      components: env('BENCH_COMPONENTS', 100_000),
      segments: env('BENCH_SEGMENTS', 100_000),
    });
    console.log(a);
  }
  if (phases.includes('L')) {
    const load = await phaseLoad(
      {
        components: env('BENCH_LOAD_COMPONENTS', 20_000),
        segments: env('BENCH_LOAD_SEGMENTS', 20_000),
      },
      env('BENCH_LOAD_BUSY', 1000),
      env('BENCH_LOAD_SAMPLES', 2000),
    );
    console.log(`\n${load}`);
  }
  if (phases.includes('B')) {
    const b = await phaseB({
      components: env(
        'BENCH_CATALOG_COMPONENTS',
        onPostgres() ? env('BENCH_COMPONENTS', 100_000) : 10_000,
      ),
      segments: env(
        'BENCH_CATALOG_SEGMENTS',
        onPostgres() ? env('BENCH_SEGMENTS', 100_000) : 10_000,
      ),
    });
    console.log(`\n${b}`);
  }
  process.exit(0); // the test backends leave timers behind
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
