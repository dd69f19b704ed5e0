/*
 * The connectivity model at size (issue 31): W workloads in W/50 namespaces,
 * P NetworkPolicies (a baseline per namespace, the rest allows between
 * generated services with realistic selectors), one file per policy, as
 * the infrastructure repository holds them. Prints, side by side in one run:
 * building the model; one reach answer from the model vs. the naive path
 * (every policy scanned per question); inbound for the busiest service; a
 * change's effect; memory.
 *
 *   BENCH_WORKLOADS=5000 BENCH_POLICIES=10000 \
 *     ./portalw yarn workspace @integrated-ops/plugin-connectivity-node bench
 */
import { Entity } from '@backstage/catalog-model';
import {
  analyzeConnectivity,
  Endpoint,
  PolicySource,
  readManifests,
  Workload,
} from '@integrated-ops/plugin-connectivity-common';
// A benchmark script, not shipped: yaml is a dev dependency.
// eslint-disable-next-line @backstage/no-undeclared-imports
import { stringify } from 'yaml';
import { connectivityEffect } from '../changeEffect';
import { Estate } from '../Estate';

const W = Number(process.env.BENCH_WORKLOADS ?? 5000);
const P = Number(process.env.BENCH_POLICIES ?? 10000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 1000);
const PER_NAMESPACE = 50;
const NAMESPACES = Math.ceil(W / PER_NAMESPACE);

// A deterministic generator: the same estate every run.
let seed = 42;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = (n: number) => Math.floor(random() * n);

const ns = (i: number) => `ns-${i % NAMESPACES}`;
const svc = (i: number) => `svc-${i}`;
const catalog: Entity[] = Array.from({ length: W }, (_, i) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: svc(i),
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-namespace': ns(i) },
  },
  spec: { type: 'service' },
}));

const peerOf = (i: number) => ({
  namespaceSelector: {
    matchLabels: { 'kubernetes.io/metadata.name': ns(i) },
  },
  podSelector: { matchLabels: { 'app.kubernetes.io/name': svc(i) } },
});
const policy = (namespace: string, name: string, spec: object) =>
  stringify({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { namespace, name },
    spec,
  });

/** How many ingress policies select each service (the busiest is asked about). */
const ingressRules = new Map<number, number>();

function estateFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let n = 0; n < NAMESPACES && n < P; n++) {
    files[`kubernetes/ns-${n}/baseline.yaml`] = policy(
      `ns-${n}`,
      'default-deny-all',
      { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    );
  }
  // Flows as the portal renders them: an ingress rule at the destination
  // and an egress rule at each source (their namespaces deny by default).
  let p = NAMESPACES;
  while (p < P) {
    const target = pick(W);
    const peers = [pick(W), pick(W), pick(W)].slice(0, 1 + pick(3));
    const port = [443, 8443, 5432, 9092][pick(4)];
    const ports = [{ protocol: 'TCP', port }];
    ingressRules.set(target, (ingressRules.get(target) ?? 0) + 1);
    files[`kubernetes/${ns(target)}/p-${p}.yaml`] = policy(
      ns(target),
      `p-${p}`,
      {
        podSelector: { matchLabels: { 'app.kubernetes.io/name': svc(target) } },
        policyTypes: ['Ingress'],
        ingress: [{ from: peers.map(peerOf), ports }],
      },
    );
    p++;
    for (const peer of peers) {
      if (p >= P) break;
      files[`kubernetes/${ns(peer)}/p-${p}.yaml`] = policy(ns(peer), `p-${p}`, {
        podSelector: { matchLabels: { 'app.kubernetes.io/name': svc(peer) } },
        policyTypes: ['Egress'],
        egress: [{ to: [peerOf(target)], ports }],
      });
      p++;
    }
  }
  return files;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
};
const ms = (n: number) => `${n.toFixed(n < 1 ? 3 : 1)} ms`;
const time = <T>(fn: () => T): [T, number] => {
  const start = process.hrtime.bigint();
  const out = fn();
  return [out, Number(process.hrtime.bigint() - start) / 1e6];
};
const heapMb = () => {
  (global as any).gc?.();
  return process.memoryUsage().heapUsed / 1048576;
};

function main() {
  console.log(
    `connectivity at ${W} workloads (${NAMESPACES} namespaces), ${P} NetworkPolicies, ${SAMPLES} samples; node ${process.version}`,
  );
  const files = estateFiles();
  const before = heapMb();
  const [estate, buildMs] = time(() =>
    Estate.build(files, catalog, { builtAt: new Date().toISOString() }),
  );
  const after = heapMb();
  console.log(
    `build the model from the repository's files and the catalog: ${ms(
      buildMs,
    )} (${estate.model.policies.length} policies, ${
      estate.problems.length
    } problems); heap +${(after - before).toFixed(0)} MB`,
  );

  // Reach: the model's index vs. every policy scanned per question.
  const ids = estate.model.workloadIds();
  const workloads = new Map<string, Workload>(
    ids.map(id => [id, estate.model.workload(id)!]),
  );
  const sources: PolicySource[] = [
    ...readManifests(
      Object.entries(files).map(([path, content]) => ({ path, content })),
    ).policies,
  ];
  const indexed: number[] = [];
  const naive: number[] = [];
  let agree = 0;
  for (let s = 0; s < SAMPLES; s++) {
    const src: Endpoint = { kind: 'workload', id: ids[pick(ids.length)] };
    const dst: Endpoint = { kind: 'workload', id: ids[pick(ids.length)] };
    const port = [443, 8443, 5432, 9092][pick(4)];
    const [fast, a] = time(() => estate.model.evaluate(src, dst, 'TCP', port));
    indexed.push(a);
    if (s < Math.min(SAMPLES, 200)) {
      // The naive path: a model of the two workloads, every policy scanned.
      const [slow, b] = time(() =>
        analyzeConnectivity(
          [workloads.get((src as any).id)!, workloads.get((dst as any).id)!],
          sources,
        ).evaluate(src, dst, 'TCP', port),
      );
      naive.push(b);
      if (slow.allowed === fast.allowed) agree++;
    }
  }
  console.log(
    `reach, in-process: model p50 ${ms(percentile(indexed, 50))} p99 ${ms(
      percentile(indexed, 99),
    )} | naive (every policy per question) p50 ${ms(
      percentile(naive, 50),
    )} p99 ${ms(percentile(naive, 99))}; verdicts agree ${agree}/${
      naive.length
    }`,
  );

  // Inbound for the busiest destination (the most ingress rules select it).
  const [top] = [...ingressRules.entries()].sort((a, b) => b[1] - a[1])[0];
  const busiest = estate.entities.get(`component:default/${svc(top)}`)![0];
  const [first, coldMs] = time(() => estate.to([busiest]));
  const inbound: number[] = [];
  for (let s = 0; s < 50; s++) {
    inbound.push(time(() => estate.to([busiest]))[1]);
  }
  // Ten more services asked for the first time.
  const cold: number[] = [];
  for (let s = 0; s < 10; s++) {
    const id = ids[pick(ids.length)];
    cold.push(time(() => estate.to([id]))[1]);
  }
  console.log(
    `inbound for the busiest workload (${busiest}, ${
      first.length
    } connections): first ask ${ms(coldMs)}, asked again p50 ${ms(
      percentile(inbound, 50),
    )}; 10 other services' first ask p50 ${ms(percentile(cold, 50))} max ${ms(
      Math.max(...cold),
    )}`,
  );

  // A change's effect: one new allow into a random service.
  const target = pick(W);
  const change = {
    [`kubernetes/${ns(target)}/bench-change.yaml`]: policy(
      ns(target),
      'bench-change',
      {
        podSelector: { matchLabels: { 'app.kubernetes.io/name': svc(target) } },
        policyTypes: ['Ingress'],
        ingress: [
          { from: [peerOf(pick(W))], ports: [{ protocol: 'TCP', port: 443 }] },
        ],
      },
    ),
  };
  // As the change planner asks: main's model at hand, only the change read.
  const [effect, effectMs] = time(() =>
    connectivityEffect({ main: { files }, change, catalog, estate }),
  );
  const [, rebuiltMs] = time(() =>
    connectivityEffect({ main: { files }, change, catalog }),
  );
  console.log(
    `a change's effect (one policy added, diff focused on the workloads it selects): ${ms(
      effectMs,
    )} with main's model at hand | ${ms(rebuiltMs)} reading main again (${
      effect.added.length
    } added, ${effect.removed.length} removed, ${
      effect.changed.length
    } changed)`,
  );
  console.log(
    `heap in use at the end: ${heapMb().toFixed(0)} MB; rss ${(
      process.memoryUsage().rss / 1048576
    ).toFixed(0)} MB`,
  );
}

main();
