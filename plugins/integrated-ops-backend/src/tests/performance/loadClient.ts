/*
 * The benchmark's HTTP client, run in its own process (see clientProcess.ts)
 * so that its allocations and garbage collection are not charged to the
 * server it measures, as with any real caller.
 */
import { benchQueries } from './benchQueries';
import { CatalogClientPath } from './catalogClientPath';
import { KeepAliveHttp } from './keepAliveHttp';
import { performance } from 'perf_hooks';
import { summarise, time, timeInterleaved, TimingRow } from './measure';
import { EstateSize } from './syntheticEstate';

/** Where the server is and what its requests need (see BenchBackend). */
type Server = { baseUrl: string; headers: Record<string, string> };

export type ClientJob =
  | ({
      job: 'plugin';
      size: EstateSize;
      n: number;
      /** Also time the catalog's own GET by-name (where a catalog backend runs). */
      catalogByName?: boolean;
    } & Server)
  | ({
      job: 'catalog';
      size: EstateSize;
      at: string;
      n: { ref: number; hostname: number; ip: number; blast: number };
    } & Server)
  | ({
      /** Single lookups by IP, one after another: the load phase's probe. */
      job: 'singles';
      size: EstateSize;
      n: number;
      label: string;
    } & Server)
  | ({
      /** Batches in turn, back to back, until told to stop (answers counted, not parsed). */
      job: 'batches';
      batches: { label: string; body: unknown }[];
    } & Server);

/** Set by the parent's `{ type: 'stop' }`: the batches job ends after the batch in flight. */
let stopRequested = false;

/**
 * The plugin's routes: the three lookups, the floor and the MCP action taking
 * turns (with the catalog's by-name when asked), then blast radius and batches.
 */
async function pluginRows(
  http: KeepAliveHttp,
  size: EstateSize,
  n: number,
  catalogByName = false,
): Promise<TimingRow[]> {
  const q = benchQueries(size);
  const e = encodeURIComponent;
  const get = (path: string) => http.json(`/api/integrated-ops${path}`);
  await time(200, i => get(`/lookup?q=${e(q.ref(i))}`)); // warm-up
  // The three lookups take turns, so none absorbs the others' GC pauses.
  const calls: Record<string, (i: number) => unknown> = {
    ref: i => get(`/lookup?q=${e(q.ref(i))}`),
    hostname: i => get(`/lookup?q=${e(q.hostname(i))}`),
    ip: i => get(`/lookup?q=${e(q.ip(i))}`),
    // The same authentication and routing with no lookup: the floor.
    floor: () => get('/index-status'),
    // What an AI agent's MCP tool call costs here (the mcp-actions backend
    // forwards each call to this route on the user's behalf): compact answer.
    mcp: i =>
      http.json(
        '/api/integrated-ops/.backstage/actions/v1/actions/integrated-ops:ops-lookup/invoke',
        { method: 'POST', json: { query: q.ip(i) } },
      ),
  };
  if (catalogByName) {
    calls.byName = i =>
      http.json(
        `/api/catalog/entities/by-name/component/default/${q
          .ref(i)
          .replace('component:default/', '')}`,
      );
  }
  const lookups = await timeInterleaved(n, calls);
  const blast = await time(Math.ceil(n / 10), i =>
    get(`/blast-radius?entity=${e(q.ref(i))}&depth=3`),
  );
  // Automation's way: 1,000 lookups (ref, hostname, IP in turn) in one
  // request, one authentication and permission round trip.
  const BATCH = 1000;
  const batchQueries = (b: number) =>
    Array.from({ length: BATCH }, (_, i) => {
      const k = b * BATCH + i;
      return [q.ref, q.hostname, q.ip][k % 3](k);
    });
  const rounds = Math.max(5, Math.ceil(n / 200));
  const batch = await time(rounds, b =>
    http.json('/api/integrated-ops/lookup/batch', {
      method: 'POST',
      json: { queries: batchQueries(b) },
    }),
  );
  // An agent's way: the same 1,000 in one MCP tool call (compact answers).
  const mcpMany = await time(rounds, b =>
    http.json(
      '/api/integrated-ops/.backstage/actions/v1/actions/integrated-ops:ops-lookup-many/invoke',
      { method: 'POST', json: { queries: batchQueries(b) } },
    ),
  );
  const perSecond = (t: { p50: number }) => Math.round((BATCH / t.p50) * 1000);
  return [
    { query: 'lookup by ref', path: 'HTTP', timing: lookups.ref },
    { query: 'lookup by hostname', path: 'HTTP', timing: lookups.hostname },
    { query: 'lookup by IP', path: 'HTTP', timing: lookups.ip },
    { query: 'index status (floor)', path: 'HTTP', timing: lookups.floor },
    {
      query: 'MCP action ops-lookup by IP (compact)',
      path: 'HTTP POST',
      timing: lookups.mcp,
    },
    ...(lookups.byName
      ? [
          {
            query: "catalog's own GET entity by name",
            path: 'catalog API',
            timing: lookups.byName,
            calls: 1,
          },
        ]
      : []),
    { query: 'blast radius, 3 hops', path: 'HTTP', timing: blast },
    {
      query: `batch of ${BATCH} lookups (${perSecond(batch)} lookups/s at p50)`,
      path: 'HTTP POST',
      timing: batch,
    },
    {
      query: `MCP action ops-lookup-many, ${BATCH} queries (${perSecond(
        mcpMany,
      )} lookups/s at p50)`,
      path: 'HTTP POST',
      timing: mcpMany,
    },
  ];
}

/** The same answers assembled from the catalog API, with the calls each took. */
async function catalogRows(
  http: KeepAliveHttp,
  size: EstateSize,
  at: Date,
  n: { ref: number; hostname: number; ip: number; blast: number },
): Promise<TimingRow[]> {
  const q = benchQueries(size);
  const catalog = new CatalogClientPath(http);
  const counted = async (
    query: string,
    count: number,
    fn: (i: number) => Promise<unknown>,
  ): Promise<TimingRow> => {
    const before = catalog.calls;
    const timing = await time(count, fn);
    return {
      query,
      path: 'catalog API',
      timing,
      calls: (catalog.calls - before) / count,
    };
  };
  await time(20, i => catalog.byRef(q.ref(i), at)); // warm-up
  return [
    await counted('lookup by ref', n.ref, i => catalog.byRef(q.ref(i), at)),
    await counted('lookup by hostname', n.hostname, i =>
      catalog.byHostname(q.hostname(i), at),
    ),
    await counted('lookup by IP', n.ip, i => catalog.byIp(q.ip(i), at)),
    await counted('blast radius, 3 hops', n.blast, i =>
      catalog.blastRadius(q.ref(i), 3, at),
    ),
  ];
}

/** Single lookups by IP (default detail), timed one after another. */
async function singleRows(
  http: KeepAliveHttp,
  size: EstateSize,
  n: number,
  label: string,
): Promise<TimingRow[]> {
  const q = benchQueries(size);
  const get = (i: number) =>
    http.json(`/api/integrated-ops/lookup?q=${encodeURIComponent(q.ip(i))}`);
  await time(100, get); // warm-up
  return [{ query: label, path: 'HTTP', timing: await time(n, get) }];
}

/** The batches in turn until stopped: the time and answer size of each kind. */
async function batchRows(
  http: KeepAliveHttp,
  batches: { label: string; body: unknown }[],
): Promise<TimingRow[]> {
  const samples = batches.map(() => [] as number[]);
  const bytes = batches.map(() => 0);
  for (let round = 0; !stopRequested || round < batches.length; round++) {
    const k = round % batches.length;
    const started = performance.now();
    bytes[k] += await http.bytes('/api/integrated-ops/lookup/batch', {
      method: 'POST',
      json: batches[k].body,
    });
    samples[k].push(performance.now() - started);
  }
  return batches.map(({ label }, k) => ({
    query: `${label}, ${(bytes[k] / samples[k].length / 1e6).toFixed(
      2,
    )} MB each`,
    path: 'HTTP POST',
    timing: summarise(samples[k]),
  }));
}

export async function runClientJob(job: ClientJob): Promise<TimingRow[]> {
  const http = new KeepAliveHttp(job.baseUrl, job.headers);
  try {
    switch (job.job) {
      case 'plugin':
        return await pluginRows(http, job.size, job.n, job.catalogByName);
      case 'catalog':
        return await catalogRows(http, job.size, new Date(job.at), job.n);
      case 'singles':
        return await singleRows(http, job.size, job.n, job.label);
      default:
        return await batchRows(http, job.batches);
    }
  } finally {
    http.close();
  }
}

if (process.send) {
  let started = false;
  process.on('message', (message: ClientJob | { type: 'stop' }) => {
    if (!message || typeof message !== 'object') return;
    if ('type' in message && message.type === 'stop') {
      stopRequested = true;
      return;
    }
    if (started || !('job' in message)) return;
    started = true;
    const job = message;
    runClientJob(job).then(
      rows =>
        process.send!({ type: 'bench-client', rows }, () => process.exit(0)),
      error =>
        process.send!({ error: `${error?.stack ?? error}` }, () =>
          process.exit(1),
        ),
    );
  });
}
