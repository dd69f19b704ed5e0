import { performance } from 'perf_hooks';
import { Entity } from '@backstage/catalog-model';
import { withInMemoryCatalog } from './benchBackends';
import { fetchOnce } from './fetchOnce';
import { formatMs, summarise, Timing } from './measure';

type Backend = Awaited<ReturnType<typeof withInMemoryCatalog>>;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** The title the lookup answers for ref now (the best match's entity). */
async function answeredTitle(backend: Backend, ref: string) {
  const res = await fetchOnce(
    `${backend.baseUrl}/api/integrated-ops/lookup?q=${encodeURIComponent(ref)}`,
    { headers: backend.headers },
  );
  const body = await res.json();
  return body.matches?.[0]?.answer?.entity?.title as string | undefined;
}

/** Serves a new version of ref (title `title`) and times until the lookup answers it. */
async function timeUntilAnswered(backend: Backend, ref: string, title: string) {
  const current = backend.entity(ref) as Entity;
  const t0 = performance.now();
  backend.serve({
    ...current,
    metadata: { ...current.metadata, title, etag: `bench-${title}` },
  });
  while ((await answeredTitle(backend, ref)) !== title) await sleep(10);
  return performance.now() - t0;
}

/**
 * Time from the catalog serving a changed entity to the lookup answering
 * with it, two ways on the same backend:
 *
 * - by events: the change is announced as the catalog module announces it
 *   (at processing time), and the catalog serves it a random 0-1.5 s later,
 *   as the real catalog does once its stitcher (1 s polling) has run;
 * - by the listing alone, every 30 s (the default `refreshSeconds`), with no
 *   event: changes at random moments of the cycle.
 */
export async function freshnessRows(
  backend: Backend,
  components: number,
  samples: { events: number; listing: number },
): Promise<string> {
  const refOf = (i: number) =>
    `component:default/svc-${(i * 104_729) % components}`;
  const byEvents: number[] = [];
  for (let i = 0; i < samples.events; i++) {
    const ref = refOf(i);
    await backend.announce([ref]);
    await sleep(Math.random() * 1500);
    byEvents.push(await timeUntilAnswered(backend, ref, `events ${i}`));
  }

  const byListing: number[] = [];
  const listing = setInterval(() => {
    backend.refreshIndex(0).catch(() => {});
  }, 30_000);
  try {
    for (let i = 0; i < samples.listing; i++) {
      await sleep(Math.random() * 30_000);
      byListing.push(
        await timeUntilAnswered(
          backend,
          refOf(samples.events + i),
          `listing ${i}`,
        ),
      );
    }
  } finally {
    clearInterval(listing);
  }
  const row = (path: string, t: Timing) =>
    `| ${path} | ${t.n} | ${formatMs(t.p50)} | ${formatMs(
      t.tail.p95,
    )} | ${formatMs(t.tail.max)} |`;
  return [
    '| catalog serves a changed entity -> the lookup answers it | n | p50 | p95 | max |',
    '| --- | --- | --- | --- | --- |',
    row('by events (follower)', summarise(byEvents)),
    ...(byListing.length
      ? [row('by the listing alone, every 30 s', summarise(byListing))]
      : []),
  ].join('\n');
}
