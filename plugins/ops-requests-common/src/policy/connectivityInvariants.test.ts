import {
  ConnectivityInvariant,
  connectivityInvariantSchema,
  InvariantEndpoint,
  invariantViolations,
} from './connectivityInvariants';
import { keepsInvariants } from './connectivityRule';

const end = (
  name: string,
  over: Partial<InvariantEndpoint> = {},
): InvariantEndpoint => ({
  name,
  entityRef: name,
  dataClasses: [],
  external: false,
  ...over,
});

const web = end('component:default/payments-web', { zone: 'dmz' });
const scoring = end('component:default/fraud-scoring-service', {
  zone: 'pci',
  dataClasses: ['pci'],
});
const ml = end('component:default/ml-inference-service', { zone: 'internal' });
const db = end('resource:default/fraud-cases-db (10.40.2.11)', {
  entityRef: 'resource:default/fraud-cases-db',
  zone: 'restricted',
  dataClasses: ['pci', 'pii'],
  external: true,
});
const partner = end('203.0.113.0/24', { entityRef: undefined, external: true });

const invariants: ConnectivityInvariant[] = [
  {
    id: 'dmz-never-restricted',
    description: 'Nothing in the DMZ reaches the data zone',
    never: { from: { zone: 'dmz' }, to: { zone: 'restricted' } },
  },
  {
    id: 'pci-only-from-pci',
    description:
      'PCI data is reached from the PCI zone, or from the DMZ on 443',
    only: {
      to: { dataClass: 'PCI' },
      from: [{ zone: 'pci' }, { zone: 'dmz', ports: [443] }],
    },
  },
  {
    id: 'outside-never-restricted',
    description: 'No outside range reaches the data zone',
    never: { from: { external: true }, to: { zone: 'restricted' } },
  },
];

const violations = (
  from: InvariantEndpoint,
  to: InvariantEndpoint,
  allows: string,
) =>
  invariantViolations(invariants, [{ from, to, allows }]).map(
    v => v.split(':')[0],
  );

describe('connectivity invariants', () => {
  it('refuses what a never rule forbids, naming the invariant, the connection and why', () => {
    expect(
      invariantViolations(invariants, [
        { from: web, to: db, allows: 'TCP 5432' },
      ]),
    ).toEqual([
      'dmz-never-restricted: component:default/payments-web -> resource:default/fraud-cases-db (10.40.2.11) TCP 5432 (Nothing in the DMZ reaches the data zone)',
      'pci-only-from-pci: component:default/payments-web -> resource:default/fraud-cases-db (10.40.2.11) TCP 5432 (PCI data is reached from the PCI zone, or from the DMZ on 443)',
    ]);
  });

  it('lets an only rule through from a listed side, on its ports only', () => {
    expect(violations(web, scoring, 'TCP 443')).toEqual([]);
    expect(violations(web, scoring, 'TCP 443,UDP 443')).toEqual([]);
    // As connections say several ports: the protocol carries over.
    expect(violations(web, scoring, 'TCP 443,UDP 443,443')).toEqual([]);
    expect(violations(web, scoring, 'TCP 443,8443')).toEqual([
      'pci-only-from-pci',
    ]);
    expect(violations(web, scoring, 'TCP 8443')).toEqual(['pci-only-from-pci']);
    expect(violations(web, scoring, 'TCP 440-443')).toEqual([
      'pci-only-from-pci',
    ]);
    expect(violations(web, scoring, 'All Connections')).toEqual([
      'pci-only-from-pci',
    ]);
    // From the PCI zone itself: any port.
    expect(violations(scoring, scoring, 'All Connections')).toEqual([]);
    // From anywhere else: refused.
    expect(violations(ml, scoring, 'TCP 8443')).toEqual(['pci-only-from-pci']);
  });

  it('tells address ranges from workloads, and says nothing where no rule selects', () => {
    expect(violations(partner, db, 'TCP 5432')).toEqual([
      'pci-only-from-pci',
      'outside-never-restricted',
    ]);
    expect(violations(ml, web, 'TCP 443')).toEqual([]);
    // An end without a zone is not in any zone.
    expect(violations(end('component:default/x'), db, 'TCP 5432')).toEqual([
      'pci-only-from-pci',
    ]);
  });

  it('names an entity in a selector as a ref is read: kind and namespace default', () => {
    const only = (entity: string): ConnectivityInvariant[] => [
      {
        id: 'web-never-db',
        description: 'no',
        never: { from: { entity }, to: { zone: 'restricted' } },
      },
    ];
    for (const entity of [
      'payments-web',
      'component:payments-web',
      'Component:Default/Payments-Web',
    ]) {
      expect(
        invariantViolations(only(entity), [
          { from: web, to: db, allows: 'TCP 5432' },
        ]),
      ).toHaveLength(1);
    }
  });

  it('reads invariants strictly: one of never or only, selectors that select, ids that can be named', () => {
    const parse = (i: unknown) => connectivityInvariantSchema.safeParse(i);
    expect(parse(invariants[0]).success).toBe(true);
    expect(parse(invariants[1]).success).toBe(true);
    expect(parse({ ...invariants[0], only: invariants[1].only }).success).toBe(
      false,
    );
    expect(parse({ id: 'x', description: 'y' }).success).toBe(false);
    expect(
      parse({ ...invariants[0], never: { from: {}, to: { zone: 'pci' } } })
        .success,
    ).toBe(false);
    expect(
      parse({
        ...invariants[1],
        only: { to: { zone: 'pci' }, from: [{ ports: [443] }] },
      }).success,
    ).toBe(false);
    expect(parse({ ...invariants[0], id: 'Has Spaces' }).success).toBe(false);
    expect(
      parse({ ...invariants[0], never: { ...invariants[0].never, via: 'x' } })
        .success,
    ).toBe(false);
  });
});

describe('the connectivity.invariants rule', () => {
  const policy = {
    spec: { connectivity: { refuseRedundant: true, invariants } },
  } as any;
  const facts = (connectivity: object) =>
    ({ kind: 'network-access', connectivity } as any);

  it('refuses the flow as asked even where main could not be read', () => {
    expect(
      keepsInvariants(
        policy,
        facts({ computed: false, violations: ['outside-never-restricted: x'] }),
      ),
    ).toEqual([
      {
        rule: 'connectivity.invariants',
        passed: false,
        message: 'would break an invariant: outside-never-restricted: x',
      },
    ]);
  });

  it('says only the flow as asked was judged where main could not be read', () => {
    const [result] = keepsInvariants(
      policy,
      facts({ computed: false, violations: [] }),
    );
    expect(result.passed).toBe(true);
    expect(result.message).toContain('what else it opens was not checked');
  });
});
