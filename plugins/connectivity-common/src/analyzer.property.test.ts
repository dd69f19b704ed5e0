import fc from 'fast-check';
import {
  analyzeConnectivity,
  ConnectivityModel,
  PolicySource,
} from './analyzer';
import { Protocol } from './connections';
import { diffConnectivity } from './diff';
import { parseIpAddress } from './ip';
import { compilePolicy } from './policy';
import { matchesSelector } from './selectors';
import { Endpoint, Workload, workloadId } from './workloads';

const NAMESPACES = ['n1', 'n2'];

const labelsArb = fc.record(
  { app: fc.constantFrom('a', 'b', 'c'), tier: fc.constantFrom('web', 'db') },
  { requiredKeys: [] },
);

const workloadsArb = fc
  .array(
    fc.record({
      namespace: fc.constantFrom(...NAMESPACES),
      labels: labelsArb,
      http: fc.constantFrom(undefined, 80, 8080),
      env: fc.constantFrom('prod', 'dev'),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map(list =>
    list.map(
      (w, i): Workload => ({
        namespace: w.namespace,
        name: `w${i}`,
        kind: 'Deployment',
        labels: w.labels,
        namespaceLabels: { env: w.namespace === 'n1' ? 'prod' : w.env },
        namedPorts: w.http
          ? [{ name: 'http', port: w.http, protocol: 'TCP' }]
          : [],
      }),
    ),
  );

const selectorArb = fc.oneof(
  fc.constant({}),
  fc.record({ matchLabels: fc.record({ app: fc.constantFrom('a', 'b') }) }),
  fc.record({
    matchExpressions: fc
      .tuple(
        fc.constantFrom('app', 'tier', 'env'),
        fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist'),
      )
      .map(([key, operator]) => [
        {
          key,
          operator,
          ...(operator === 'In' || operator === 'NotIn'
            ? { values: ['a', 'web', 'prod'] }
            : {}),
        },
      ]),
  }),
);

const peerArb = fc.oneof(
  fc.record({ podSelector: selectorArb }),
  fc.record({ namespaceSelector: selectorArb }),
  fc.record({ namespaceSelector: selectorArb, podSelector: selectorArb }),
  fc.constantFrom(
    { ipBlock: { cidr: '10.0.0.0/8' } },
    { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
    { ipBlock: { cidr: '0.0.0.0/0', except: ['192.168.0.0/16'] } },
    { ipBlock: { cidr: '192.168.1.0/24' } },
  ),
);

const portArb = fc.constantFrom(
  { port: 80 },
  { port: 'http' },
  { port: 53, protocol: 'UDP' },
  { port: 8000, endPort: 8100 },
  { protocol: 'SCTP' },
);

const ruleArb = (key: 'from' | 'to') =>
  fc.record(
    {
      [key]: fc.array(peerArb, { maxLength: 2 }),
      ports: fc.array(portArb, { maxLength: 2 }),
    },
    { requiredKeys: [] },
  );

const specArb = fc.record(
  {
    podSelector: selectorArb,
    policyTypes: fc.subarray(['Ingress', 'Egress']),
    ingress: fc.array(ruleArb('from'), { maxLength: 2 }),
    egress: fc.array(ruleArb('to'), { maxLength: 2 }),
  },
  { requiredKeys: ['podSelector'] },
);

const policiesArb = fc.array(
  fc.record({ namespace: fc.constantFrom(...NAMESPACES), spec: specArb }),
  { maxLength: 3 },
);

function sources(
  list: Array<{ namespace: string; spec: object }>,
): PolicySource[] {
  return list.map((p, i) => ({
    policy: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { namespace: p.namespace, name: `p${i}` },
      spec: p.spec as any,
    },
  }));
}

function analyze(
  workloads: Workload[],
  list: Array<{ namespace: string; spec: object }>,
) {
  const model = analyzeConnectivity(workloads, sources(list));
  expect(model.problems).toEqual([]);
  return model;
}

const ADDRESSES = ['10.0.0.1', '10.1.0.1', '192.168.1.1', '8.8.8.8'];
const PORTS: Array<[Protocol, number]> = [
  ['TCP', 80],
  ['TCP', 8080],
  ['UDP', 53],
  ['SCTP', 9],
];

function endpoints(model: ConnectivityModel): Endpoint[] {
  return [
    ...model.workloadIds().map((id): Endpoint => ({ kind: 'workload', id })),
    ...ADDRESSES.map(
      (a): Endpoint => ({ kind: 'external', range: parseIpAddress(a)! }),
    ),
  ];
}

function verdicts(model: ConnectivityModel, side: 'egress' | 'ingress') {
  const out: string[] = [];
  for (const src of endpoints(model)) {
    for (const dst of endpoints(model)) {
      if (src.kind === 'external' && dst.kind === 'external') continue;
      for (const [protocol, port] of PORTS) {
        out.push(`${model.evaluate(src, dst, protocol, port)[side].allowed}`);
      }
    }
  }
  return out;
}

describe('connectivity properties', () => {
  it('adding an allow (a rule in a direction the policy already isolates) never removes a connection', () => {
    fc.assert(
      fc.property(
        workloadsArb,
        policiesArb.filter(l => l.length > 0),
        fc.nat(),
        fc.boolean(),
        ruleArb('from'),
        ruleArb('to'),
        (workloads, list, pick, ingressFirst, fromRule, toRule) => {
          const i = pick % list.length;
          const compiled = compilePolicy(sources(list)[i].policy).policy!;
          const types = [
            ...(compiled.ingress ? ['Ingress'] : []),
            ...(compiled.egress ? ['Egress'] : []),
          ];
          // explicit effective policyTypes: same semantics
          const explicit = list.map((p, j) =>
            j === i ? { ...p, spec: { ...p.spec, policyTypes: types } } : p,
          );
          const before = analyze(workloads, list);
          expect(
            diffConnectivity(before, analyze(workloads, explicit)),
          ).toEqual([]);
          let direction = types[0];
          if (types.length === 2)
            direction = ingressFirst ? 'Ingress' : 'Egress';
          const key = direction === 'Ingress' ? 'ingress' : 'egress';
          const spec = explicit[i].spec as Record<string, any>;
          const added = explicit.map((p, j) =>
            j === i
              ? {
                  ...p,
                  spec: {
                    ...spec,
                    [key]: [
                      ...(spec[key] ?? []),
                      key === 'ingress' ? fromRule : toRule,
                    ],
                  },
                }
              : p,
          );
          for (const d of diffConnectivity(before, analyze(workloads, added))) {
            expect(d.before.intersect(d.after).equals(d.before)).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a policy selecting no pod changes nothing', () => {
    fc.assert(
      fc.property(
        workloadsArb,
        policiesArb,
        specArb,
        fc.boolean(),
        (workloads, list, spec, otherNs) => {
          const none = otherNs
            ? { namespace: 'n9', spec: { ...spec, podSelector: {} } }
            : {
                namespace: 'n1',
                spec: {
                  ...spec,
                  podSelector: { matchLabels: { nobody: 'x' } },
                },
              };
          const before = analyze(workloads, list);
          expect(
            diffConnectivity(before, analyze(workloads, [...list, none])),
          ).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('diff(a, a) is empty', () => {
    fc.assert(
      fc.property(workloadsArb, policiesArb, (workloads, list) => {
        const model = analyze(workloads, list);
        expect(diffConnectivity(model, model)).toEqual([]);
        expect(diffConnectivity(model, analyze(workloads, list))).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('isolation is per direction: an Ingress-only policy leaves egress alone, and vice versa', () => {
    fc.assert(
      fc.property(
        workloadsArb,
        policiesArb,
        fc.record({ namespace: fc.constantFrom(...NAMESPACES), spec: specArb }),
        fc.constantFrom('Ingress', 'Egress'),
        (workloads, list, extra, only) => {
          const before = analyze(workloads, list);
          const after = analyze(workloads, [
            ...list,
            { ...extra, spec: { ...extra.spec, policyTypes: [only] } },
          ]);
          const untouched = only === 'Ingress' ? 'egress' : 'ingress';
          expect(verdicts(after, untouched)).toEqual(
            verdicts(before, untouched),
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  it('a diff focused on the workloads an added policy selects is the whole diff', () => {
    fc.assert(
      fc.property(
        workloadsArb,
        policiesArb,
        fc.record({ namespace: fc.constantFrom(...NAMESPACES), spec: specArb }),
        (workloads, list, extra) => {
          const before = analyze(workloads, list);
          const after = analyze(workloads, [...list, extra]);
          const added = after.policies[after.policies.length - 1];
          const focus = new Set(
            workloads
              .filter(
                w =>
                  w.namespace === extra.namespace &&
                  matchesSelector(added.podSelector, w.labels),
              )
              .map(workloadId),
          );
          expect(diffConnectivity(before, after, { focus })).toEqual(
            diffConnectivity(before, after),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a diff between workloads is every pair whose connections differ, looked at pair by pair', () => {
    fc.assert(
      fc.property(
        workloadsArb,
        policiesArb,
        policiesArb,
        (workloads, list, more) => {
          const before = analyze(workloads, list);
          const after = analyze(workloads, [...list, ...more]);
          const ids = before.workloadIds();
          const everyPair = ids.flatMap(s =>
            ids
              .filter(d => d !== s)
              .flatMap(d => {
                const src: Endpoint = { kind: 'workload', id: s };
                const dst: Endpoint = { kind: 'workload', id: d };
                const [b, a] = [before, after].map(m =>
                  m.connections(src, dst),
                );
                return b.equals(a) ? [] : [`${s}>${d}:${b}|${a}`];
              }),
          );
          const diffed = diffConnectivity(before, after)
            .filter(c => c.src.kind === 'workload' && c.dst.kind === 'workload')
            .map(
              c =>
                `${(c.src as { id: string }).id}>${
                  (c.dst as { id: string }).id
                }:${c.before}|${c.after}`,
            );
          expect(diffed.sort()).toEqual(everyPair.sort());
        },
      ),
      { numRuns: 150 },
    );
  });

  it("one workload's connections are those of every pair it is in (looking only at the peers its rules select)", () => {
    fc.assert(
      fc.property(workloadsArb, policiesArb, (workloads, list) => {
        const model = analyze(workloads, list);
        const atoms = model.externalAtoms();
        const key = (c: { src: Endpoint; dst: Endpoint; conns: unknown }) =>
          JSON.stringify([c.src, c.dst, `${c.conns}`], (_, v) =>
            typeof v === 'bigint' ? `${v}` : v,
          );
        for (const id of model.workloadIds()) {
          const self: Endpoint = { kind: 'workload', id };
          for (const direction of ['inbound', 'outbound'] as const) {
            const everyPair = model
              .workloadIds()
              .filter(other => other !== id)
              .map(other => {
                const peer: Endpoint = { kind: 'workload', id: other };
                const [src, dst] =
                  direction === 'outbound' ? [self, peer] : [peer, self];
                return { src, dst, conns: model.connections(src, dst) };
              })
              .filter(c => !c.conns.isEmpty());
            const answered = model
              .connectionsOf(id, direction, atoms)
              .filter(
                c => c.src.kind === 'workload' && c.dst.kind === 'workload',
              );
            expect(answered.map(key).sort()).toEqual(everyPair.map(key).sort());
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('lists each pair at most once, never a workload to itself', () => {
    fc.assert(
      fc.property(workloadsArb, policiesArb, (workloads, list) => {
        const model = analyze(workloads, list);
        const keys = model
          .list()
          .map(c =>
            JSON.stringify([c.src, c.dst], (_, v) =>
              typeof v === 'bigint' ? `${v}` : v,
            ),
          );
        expect(new Set(keys).size).toBe(keys.length);
        for (const c of model.list()) {
          expect(c.src).not.toEqual(c.dst);
          expect(c.conns.isEmpty()).toBe(false);
        }
        expect(model.workloadIds()).toEqual(workloads.map(workloadId).sort());
      }),
      { numRuns: 100 },
    );
  });
});
