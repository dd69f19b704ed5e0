/*
 * Benchmark: incident lookups at scale, and the same answers assembled from
 * the plain catalog API. Not part of the test suite; run on demand:
 *
 *   yarn workspace @internal/plugin-integrated-ops-backend bench
 *
 * Phase A (BENCH_COMPONENTS / BENCH_SEGMENTS, default 100k / 100k): the
 * plugin in a real backend loads its index through its real path
 * (streamEntities -> OwnershipIndexService -> OwnershipIndex) from an
 * in-memory catalog service holding the estate as the catalog serves it after
 * processing; then in-process and HTTP (loopback) timings and index memory.
 *
 * Phase B (BENCH_CATALOG_COMPONENTS / BENCH_CATALOG_SEGMENTS, default 10k /
 * 10k): a real catalog backend (SQLite in memory) with the typed-ownership
 * module ingests the raw estate; the plugin's HTTP answers are timed against
 * the same answers assembled from the catalog API, on the same catalog. The
 * real catalog ingests ~100 entities/s on two cores, so phase A's size
 * through it would take hours.
 */
import { performance } from 'perf_hooks';
import { blastRadius } from '../src/answer/blastRadius';
import { lookup } from '../src/answer/lookup';
import { OwnershipIndex } from '../src/index/OwnershipIndex';
import { withInMemoryCatalog, withRealCatalog } from './benchBackends';
import { CatalogClientPath } from './catalogClientPath';
import { fetchOnce } from './fetchOnce';
import { time, timeInterleaved, Timing, timingTable } from './measure';
import { processedEstate } from './processedEstate';
import { EstateSize, segmentBlock, syntheticEstate } from './syntheticEstate';

const env = (name: string, fallback: number) =>
  Number(process.env[name] ?? fallback);
const AT = new Date('2026-03-02T12:00:00Z');
const log = (...args: unknown[]) => console.error('[bench]', ...args);
type Row = { query: string; path: string; timing: Timing; calls?: number };

const queries = (size: EstateSize) => {
  const pick = (i: number) => (i * 7919) % size.components;
  return {
    ref: (i: number) => `component:default/svc-${pick(i)}`,
    hostname: (i: number) => `svc-${pick(i)}.bench.internal`,
    ip: (i: number) =>
      segmentBlock(pick(i) % size.segments).host.replace(/\.\d+$/, '.3'),
  };
};

async function httpRows(
  baseUrl: string,
  size: EstateSize,
  n: number,
): Promise<Row[]> {
  const q = queries(size);
  const get = async (path: string) => {
    const res = await fetchOnce(`${baseUrl}/api/integrated-ops${path}`);
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    await res.arrayBuffer();
  };
  const e = encodeURIComponent;
  await time(200, i => get(`/lookup?q=${e(q.ref(i))}`)); // warm-up
  // The three lookups take turns, so none absorbs the others' GC pauses.
  const lookups = await timeInterleaved(n, {
    ref: i => get(`/lookup?q=${e(q.ref(i))}`),
    hostname: i => get(`/lookup?q=${e(q.hostname(i))}`),
    ip: i => get(`/lookup?q=${e(q.ip(i))}`),
  });
  return [
    { query: 'lookup by ref', path: 'HTTP', timing: lookups.ref },
    { query: 'lookup by hostname', path: 'HTTP', timing: lookups.hostname },
    { query: 'lookup by IP', path: 'HTTP', timing: lookups.ip },
    {
      query: 'blast radius, 3 hops',
      path: 'HTTP',
      timing: await time(Math.ceil(n / 10), i =>
        get(`/blast-radius?entity=${e(q.ref(i))}&depth=3`),
      ),
    },
  ];
}

async function phaseA(size: EstateSize) {
  log(
    `phase A: generating ${size.components} components, ${size.segments} segments`,
  );
  const { entities, relations } = await processedEstate(syntheticEstate(size));
  log('phase A: processed estate ready');
  const backend = await withInMemoryCatalog(entities);
  log('phase A: backend started');
  const refreshStart = performance.now();
  await backend.refreshIndex(entities.length);
  const refreshSeconds = (performance.now() - refreshStart) / 1000;
  log(
    `phase A: index refreshed through the plugin in ${refreshSeconds.toFixed(
      1,
    )} s`,
  );
  // HTTP first, before this script builds its own second index in the same heap.
  const http = await httpRows(backend.baseUrl, size, 3000);
  await backend.stop();

  (global as any).gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const buildStart = performance.now();
  const index = OwnershipIndex.build(entities, AT);
  const buildSeconds = (performance.now() - buildStart) / 1000;
  (global as any).gc?.();
  const indexMiB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;

  const q = queries(size);
  const status = { stale: false, entities: index.size };
  const inProcess = await timeInterleaved(5000, {
    ref: i => lookup(index, status, q.ref(i), AT),
    hostname: i => lookup(index, status, q.hostname(i), AT),
    ip: i => lookup(index, status, q.ip(i), AT),
  });
  const rows: Row[] = [
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
    ...http,
  ];
  return [
    `### Phase A: ${size.components} components, ${size.segments} network segments (${entities.length} entities, ${relations} relations)`,
    '',
    `- plugin index refresh (catalog sync + build + swap): ${refreshSeconds.toFixed(
      1,
    )} s; build alone: ${buildSeconds.toFixed(1)} s`,
    `- index memory (heap growth of one build): ${indexMiB.toFixed(0)} MiB${
      (global as any).gc ? '' : ' (approximate: run with --expose-gc)'
    }`,
    '',
    timingTable(rows),
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

  const q = queries(size);
  const catalog = new CatalogClientPath(backend.baseUrl);
  const counted = async (
    query: string,
    n: number,
    fn: (i: number) => Promise<unknown>,
  ): Promise<Row> => {
    const before = catalog.calls;
    const timing = await time(n, fn);
    return {
      query,
      path: 'catalog API',
      timing,
      calls: (catalog.calls - before) / n,
    };
  };
  const http = await httpRows(backend.baseUrl, size, 1000);
  const viaCatalog = [
    await counted('lookup by ref', 300, i => catalog.byRef(q.ref(i), AT)),
    await counted('lookup by hostname', 300, i =>
      catalog.byHostname(q.hostname(i), AT),
    ),
    await counted('lookup by IP', 10, i => catalog.byIp(q.ip(i), AT)),
    await counted('blast radius, 3 hops', 20, i =>
      catalog.blastRadius(q.ref(i), 3, AT),
    ),
  ];
  await backend.stop();
  const ratios = http.map(
    (h, i) =>
      `- ${h.query}: HTTP p50 ${(
        viaCatalog[i].timing.p50 / h.timing.p50
      ).toFixed(0)}x faster, p99 ${(
        viaCatalog[i].timing.p99 / h.timing.p99
      ).toFixed(0)}x faster than the catalog-API path`,
  );
  return [
    `### Phase B: real catalog, ${size.components} components, ${size.segments} network segments (${raw.length} entities)`,
    '',
    `- catalog ingestion and processing: ${ingestSeconds.toFixed(0)} s`,
    '',
    timingTable([...http, ...viaCatalog]),
    '',
    ...ratios,
  ].join('\n');
}

async function main() {
  const a = await phaseA({
    components: env('BENCH_COMPONENTS', 100_000),
    segments: env('BENCH_SEGMENTS', 100_000),
  });
  console.log(a);
  const b = await phaseB({
    components: env('BENCH_CATALOG_COMPONENTS', 10_000),
    segments: env('BENCH_CATALOG_SEGMENTS', 10_000),
  });
  console.log(`\n${b}`);
  process.exit(0); // the test backends leave timers behind
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
