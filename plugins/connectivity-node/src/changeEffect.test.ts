import { Entity } from '@backstage/catalog-model';
import { stringify } from 'yaml';
import { connectivityEffect } from './changeEffect';
import { Estate } from './Estate';
import { flowOnMain } from './flowOnMain';

const entity = (
  kind: string,
  name: string,
  system: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', system },
});

const catalog = [
  entity('Component', 'payments-web', 'transaction-edge'),
  entity('Component', 'fraud-scoring-service', 'fraud-detection'),
  entity('Resource', 'fraud-cases-db', 'fraud-detection', {
    'backstage.io/kubernetes-namespace': 'fraud-detection',
  }),
];

const policy = (namespace: string, name: string, spec: object, notes = {}) =>
  stringify({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { namespace, name, annotations: notes },
    spec,
  });
const app = (name: string) => ({
  matchLabels: { 'app.kubernetes.io/name': name },
});
const pods = (namespace: string, name: string) => ({
  namespaceSelector: {
    matchLabels: { 'kubernetes.io/metadata.name': namespace },
  },
  podSelector: app(name),
});
const baseline = (namespace: string) =>
  policy(namespace, 'default-deny-all', {
    podSelector: {},
    policyTypes: ['Ingress', 'Egress'],
  });
const ingressToDb = policy(
  'fraud-detection',
  'allow-payments-web-to-fraud-cases-db',
  {
    podSelector: app('fraud-cases-db'),
    policyTypes: ['Ingress'],
    ingress: [
      {
        from: [pods('transaction-edge', 'payments-web')],
        ports: [{ protocol: 'TCP', port: 5432 }],
      },
    ],
  },
  {
    'integrated-ops.io/expires-at': '2027-01-31',
    'integrated-ops.io/requested-by': 'user:default/raj.patel',
    'integrated-ops.io/change-request': 'cr-20261201-abc123',
  },
);
const egressFromWeb = policy(
  'transaction-edge',
  'allow-payments-web-to-fraud-cases-db-egress',
  {
    podSelector: app('payments-web'),
    policyTypes: ['Egress'],
    egress: [
      {
        to: [pods('fraud-detection', 'fraud-cases-db')],
        ports: [{ protocol: 'TCP', port: 5432 }],
      },
    ],
  },
);
const main = {
  commit: 'abc',
  files: {
    'kubernetes/fraud-detection/namespace-baseline.yaml':
      baseline('fraud-detection'),
    'kubernetes/transaction-edge/namespace-baseline.yaml':
      baseline('transaction-edge'),
    'README.md': '# infrastructure',
  },
};
const INGRESS =
  'kubernetes/fraud-detection/allow-payments-web-to-fraud-cases-db.yaml';
const EGRESS =
  'kubernetes/transaction-edge/allow-payments-web-to-fraud-cases-db-egress.yaml';

describe('connectivityEffect', () => {
  it('names the connection a change adds, in entity and workload terms', () => {
    const effect = connectivityEffect({
      main,
      change: { [INGRESS]: ingressToDb, [EGRESS]: egressFromWeb },
      catalog,
    });
    expect(effect).toEqual({
      base: 'abc',
      added: [
        {
          from: 'component:default/payments-web',
          to: 'resource:default/fraud-cases-db',
          fromWorkload: 'transaction-edge/payments-web[Component]',
          toWorkload: 'fraud-detection/fraud-cases-db[Resource]',
          before: '',
          after: 'TCP 5432',
          narrows: false,
        },
      ],
      removed: [],
      changed: [],
      truncated: false,
      problems: [],
    });
  });

  it('adds nothing when the source namespace still denies the egress', () => {
    const effect = connectivityEffect({
      main,
      change: { [INGRESS]: ingressToDb },
      catalog,
    });
    expect(effect.added).toEqual([]);
    expect(effect.removed).toEqual([]);
  });

  it('shows what a revocation (a deleted file) removes', () => {
    const granted = {
      commit: 'def',
      files: { ...main.files, [INGRESS]: ingressToDb, [EGRESS]: egressFromWeb },
    };
    const effect = connectivityEffect({
      main: granted,
      change: { [INGRESS]: null, [EGRESS]: null },
      catalog,
    });
    expect(effect.added).toEqual([]);
    expect(effect.removed.map(c => [c.from, c.to, c.before, c.after])).toEqual([
      [
        'component:default/payments-web',
        'resource:default/fraud-cases-db',
        'TCP 5432',
        '',
      ],
    ]);
  });

  it('without a baseline, an ingress rule isolates the destination: the change removes what others had', () => {
    const open = { files: { README: 'x' } };
    const effect = connectivityEffect({
      main: open,
      change: { [INGRESS]: ingressToDb },
      catalog,
    });
    expect(effect.removed.map(c => [c.from, c.to, c.before])).toEqual([
      [
        '0.0.0.0-255.255.255.255',
        'resource:default/fraud-cases-db',
        'All Connections',
      ],
      [
        'component:default/fraud-scoring-service',
        'resource:default/fraud-cases-db',
        'All Connections',
      ],
    ]);
    // payments-web keeps TCP 5432 only: a change, not a removal.
    expect(effect.changed.map(c => [c.from, c.to, c.after])).toEqual([
      [
        'component:default/payments-web',
        'resource:default/fraud-cases-db',
        'TCP 5432',
      ],
    ]);
  });

  it('compares every pair when the change touches more than NetworkPolicies', () => {
    const namespace = stringify({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'transaction-edge', labels: { zone: 'dmz' } },
    });
    const effect = connectivityEffect({
      main,
      change: {
        [INGRESS]: ingressToDb,
        [EGRESS]: egressFromWeb,
        'kubernetes/transaction-edge/namespace.yaml': namespace,
      },
      catalog,
    });
    expect(effect.added.map(c => c.from)).toEqual([
      'component:default/payments-web',
    ]);
  });

  it('reports a malformed policy of the change, and a change that touches no manifest has no effect', () => {
    const broken = connectivityEffect({
      main,
      change: { 'kubernetes/fraud-detection/broken.yaml': 'kind: [' },
      catalog,
    });
    expect(broken.problems.join()).toMatch(/broken\.yaml/);
    expect(
      connectivityEffect({
        main,
        change: { 'terraform/x.tf.json': '{}' },
        catalog,
      }),
    ).toEqual({
      base: 'abc',
      added: [],
      removed: [],
      changed: [],
      truncated: false,
      problems: [],
    });
  });

  it("gives the same effect from main's model as from main's files (only the touched files read again)", () => {
    const estate = Estate.build(main.files, catalog, { builtAt: '' });
    const changes: Array<Record<string, string | null>> = [
      { [INGRESS]: ingressToDb, [EGRESS]: egressFromWeb },
      { [INGRESS]: ingressToDb },
      { 'kubernetes/fraud-detection/namespace-baseline.yaml': null },
    ];
    for (const change of changes) {
      expect(connectivityEffect({ main, change, catalog, estate })).toEqual(
        connectivityEffect({ main, change, catalog }),
      );
    }
  });

  it('cuts each list at the limit and says so', () => {
    const open = { files: {} };
    const many = [...Array(5).keys()].map(i =>
      entity('Component', `svc-${i}`, 'fraud-detection'),
    );
    const effect = connectivityEffect({
      main: open,
      change: { [INGRESS]: ingressToDb },
      catalog: [...catalog, ...many],
      limit: 2,
    });
    expect(effect.removed).toHaveLength(2);
    expect(effect.truncated).toBe(true);
  });
});

describe('flowOnMain', () => {
  it('names the rules that already allow a flow, with the request, expiry and requester on them', () => {
    const estate = Estate.build(
      { ...main.files, [INGRESS]: ingressToDb, [EGRESS]: egressFromWeb },
      catalog,
      { builtAt: '' },
    );
    const web = { entityRef: 'component:default/payments-web' };
    const db = { entityRef: 'resource:default/fraud-cases-db' };
    const verdict = flowOnMain(estate, web, db, [
      { protocol: 'tcp', from: 5432, to: 5432 },
    ]);
    expect(verdict).toEqual({
      allowed: true,
      rules: [
        {
          policy:
            'transaction-edge/allow-payments-web-to-fraud-cases-db-egress',
          file: EGRESS,
          direction: 'Egress',
        },
        {
          policy: 'fraud-detection/allow-payments-web-to-fraud-cases-db',
          file: INGRESS,
          direction: 'Ingress',
          expiresAt: '2027-01-31',
          requestedBy: 'user:default/raj.patel',
          changeRequest: 'cr-20261201-abc123',
        },
      ],
    });
    expect(
      flowOnMain(estate, web, db, [{ protocol: 'tcp', from: 5432, to: 5433 }]),
    ).toEqual({ allowed: false, rules: [] });
    // Unknown to the model and without addresses: nothing to say.
    expect(
      flowOnMain(estate, { entityRef: 'component:default/nobody' }, db, [
        { protocol: 'tcp', from: 5432, to: 5432 },
      ]),
    ).toBeUndefined();
    // A database outside the cluster, by its addresses: the source's
    // baseline denies the egress.
    expect(
      flowOnMain(
        estate,
        web,
        { entityRef: 'resource:default/ledger-db', cidrs: ['10.40.2.11/32'] },
        [{ protocol: 'tcp', from: 5432, to: 5432 }],
      ),
    ).toEqual({ allowed: false, rules: [] });
  });

  it('names an address range by the entity whose addresses cover it', () => {
    const effect = connectivityEffect({
      main,
      change: {
        [EGRESS]: policy('transaction-edge', 'to-ledger', {
          podSelector: app('payments-web'),
          policyTypes: ['Egress'],
          egress: [
            {
              to: [
                { ipBlock: { cidr: '10.40.2.11/32' } },
                { ipBlock: { cidr: '10.40.2.12/32' } },
              ],
              ports: [{ protocol: 'TCP', port: 5432 }],
            },
          ],
        }),
      },
      catalog,
      ranges: [
        {
          entityRef: 'resource:default/ledger-db',
          cidrs: ['10.40.2.11/32', '10.40.2.12/32'],
        },
      ],
    });
    expect(effect.added.map(c => [c.from, c.to, c.after])).toEqual([
      [
        'component:default/payments-web',
        'resource:default/ledger-db (10.40.2.11-10.40.2.12)',
        'TCP 5432',
      ],
    ]);
  });
});
