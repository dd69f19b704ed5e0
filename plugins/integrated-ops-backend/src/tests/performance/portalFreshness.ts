/*
 * Freshness on the running portal (`./portalw start`, guest sign-in): how
 * long after the catalog serves an ownership edit the lookup answers with it.
 *
 *   yarn workspace @integrated-ops/plugin-integrated-ops-backend bench:portal-freshness
 *   # PORTAL_URL (default http://localhost:7007), PORTAL_DATA_DIR (default
 *   # <repo>/.data, where the portal reads created services' catalog-info
 *   # files), FRESHNESS_SAMPLES (default 5)
 *
 * It writes a probe service into the data directory's catalog folder (as the
 * New service template does), then flips the service's NetOps owner between
 * two teams, polling every 100 ms the catalog API (the stitched entity's
 * netopsOwnedBy relation) and the lookup (the answer's NetOps team). The
 * probe file is removed at the end.
 */
import { mkdirSync, rmSync, writeFileSync } from 'fs';
import { resolve } from 'path';
import { performance } from 'perf_hooks';
import { summarise } from './measure';

const base = process.env.PORTAL_URL ?? 'http://localhost:7007';
// `yarn workspace ... bench:portal-freshness` runs in this package's directory.
const dataDir =
  process.env.PORTAL_DATA_DIR ?? resolve(process.cwd(), '../../.data');
const samples = Number(process.env.FRESHNESS_SAMPLES ?? 5);
const file = resolve(dataDir, 'catalog', 'freshness-probe.yaml');
const ref = 'component:default/freshness-probe';
const teams = ['group:default/netops-dc', 'group:default/netops-edge'];

const probe = (netops: string) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: freshness-probe
  description: Written by the freshness benchmark; removed when it ends.
spec:
  type: service
  lifecycle: experimental
  owner: group:default/sre-payments
  system: fraud-detection
  opsOwners:
    netops: ${netops}
  network:
    hostnames: [freshness-probe.fraud.bank.internal]
`;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

async function main() {
  const { backstageIdentity } = await (
    await fetch(`${base}/api/auth/guest/refresh`, {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    })
  ).json();
  const headers = { Authorization: `Bearer ${backstageIdentity.token}` };
  const get = async (path: string) => {
    const res = await fetch(`${base}${path}`, { headers });
    return res.ok ? res.json() : undefined;
  };
  const catalogTeam = async () =>
    (
      await get(
        `/api/catalog/entities/by-name/component/default/freshness-probe`,
      )
    )?.relations?.find((r: any) => r.type === 'netopsOwnedBy')?.targetRef;
  const lookupTeam = async () =>
    (await get(`/api/integrated-ops/lookup?q=${encodeURIComponent(ref)}`))
      ?.matches?.[0]?.answer?.owners?.netops?.team?.ref;

  /** Writes the probe and times the catalog, then the lookup, showing `team`. */
  async function edit(team: string) {
    const t0 = performance.now();
    writeFileSync(file, probe(team));
    let catalogAt: number | undefined;
    let lookupAt: number | undefined;
    while (lookupAt === undefined || catalogAt === undefined) {
      if (performance.now() - t0 > 180_000)
        throw new Error('no change in 3 min');
      const [c, l] = await Promise.all([catalogTeam(), lookupTeam()]);
      const now = performance.now();
      if (catalogAt === undefined && c === team) catalogAt = now;
      if (lookupAt === undefined && l === team) lookupAt = now;
      await sleep(100);
    }
    return { catalog: catalogAt - t0, lookup: lookupAt - catalogAt };
  }

  mkdirSync(resolve(dataDir, 'catalog'), { recursive: true });
  try {
    const first = await edit(teams[0]);
    console.error(
      `[freshness] new service: catalog after ${(first.catalog / 1000).toFixed(
        1,
      )} s, lookup ${first.lookup.toFixed(0)} ms later`,
    );
    const lags: number[] = [];
    for (let i = 1; i <= samples; i++) {
      const { catalog, lookup } = await edit(teams[i % 2]);
      console.error(
        `[freshness] edit ${i}: catalog after ${(catalog / 1000).toFixed(
          1,
        )} s, lookup ${lookup.toFixed(0)} ms later`,
      );
      lags.push(lookup);
    }
    const t = summarise(lags);
    console.log(
      [
        `| catalog serves an ownership edit -> the lookup answers it (running portal) | n | p50 | p95 | max |`,
        '| --- | --- | --- | --- | --- |',
        `| new service | 1 | ${first.lookup.toFixed(0)} ms | | |`,
        `| NetOps owner edits | ${t.n} | ${t.p50.toFixed(
          0,
        )} ms | ${t.tail.p95.toFixed(0)} ms | ${t.tail.max.toFixed(0)} ms |`,
      ].join('\n'),
    );
  } finally {
    rmSync(file, { force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
