import {
  ConnectivityInvariant,
  connectivityInvariantSchema,
  InvariantEndpoint,
  invariantViolations,
  isInvariantDestination,
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

/** A fixture's connection into the data zone. */
const intoDb = (fromZone: string, allows: string) => ({
  from: { name: 'scoring', zone: fromZone },
  to: { name: 'db', zone: 'restricted' },
  allows,
});

describe('connectivity invariants written in CEL', () => {
  const dbPorts = {
    id: 'restricted-on-database-ports',
    description: 'The data zone is reached on TCP 5432 only',
    cel: {
      to: { zone: 'restricted' },
      expression:
        "!flow.allConnections && flow.connections.all(c, c.protocol == 'TCP' && c.from == 5432 && c.to == 5432)",
    },
    fixtures: [
      {
        name: 'the database port',
        flow: intoDb('pci', 'TCP 5432'),
        expect: 'holds',
      },
      {
        name: 'SSH too',
        flow: intoDb('pci', 'TCP 22,5432'),
        expect: 'breaks',
      },
    ],
  };
  const parse = (i: unknown) => connectivityInvariantSchema.safeParse(i);
  const issues = (i: unknown) => {
    const parsed = parse(i);
    return parsed.success
      ? []
      : parsed.error.issues.map(x => `${x.path.join('.')}: ${x.message}`);
  };
  const cel = [connectivityInvariantSchema.parse(dbPorts)];
  const broken = (
    from: InvariantEndpoint,
    to: InvariantEndpoint,
    allows: string,
  ) => invariantViolations(cel, [{ from, to, allows }]);

  it('refuses a connection into its destinations the expression is false for, naming it', () => {
    expect(broken(scoring, db, 'TCP 5432')).toEqual([]);
    expect(broken(scoring, db, 'TCP 5432,UDP 5432')).toEqual([
      'restricted-on-database-ports: component:default/fraud-scoring-service -> resource:default/fraud-cases-db (10.40.2.11) TCP 5432,UDP 5432 (The data zone is reached on TCP 5432 only)',
    ]);
    expect(broken(scoring, db, 'TCP 5432-5433')).toHaveLength(1);
    expect(broken(scoring, db, 'All Connections')).toHaveLength(1);
    // A protocol without ports (ICMP) is read as such, and what cannot be
    // read at all breaks it: neither passes as "no connections".
    expect(broken(scoring, db, 'ICMP')).toHaveLength(1);
    expect(broken(scoring, db, 'TCP 5432,ICMP')).toHaveLength(1);
    expect(broken(scoring, db, 'TCP 5432,SOMETHING ELSE')).toHaveLength(1);
    // Destinations its `to` does not select are not judged.
    expect(broken(scoring, ml, 'All Connections')).toEqual([]);
  });

  it('counts a connection it cannot judge as broken (what was not judged is not allowed)', () => {
    const unjudgeable = [
      {
        ...cel[0],
        cel: {
          to: { zone: 'restricted' },
          expression: 'flow.from.zone == "pci"',
        },
      },
    ];
    // The partner's range has no zone: the expression cannot be judged.
    expect(
      invariantViolations(unjudgeable, [
        { from: partner, to: db, allows: 'TCP 5432' },
      ]),
    ).toHaveLength(1);
    expect(
      invariantViolations(unjudgeable, [
        { from: scoring, to: db, allows: 'TCP 5432' },
      ]),
    ).toEqual([]);
  });

  it('is a destination for the check of main', () => {
    expect(isInvariantDestination(cel, db)).toBe(true);
    expect(isInvariantDestination(cel, ml)).toBe(false);
  });

  it('is refused when not CEL, without fixtures both ways, or with a fixture it does not meet', () => {
    expect(
      issues({ ...dbPorts, cel: { ...dbPorts.cel, expression: 'flow.to ==' } }),
    ).toEqual([expect.stringMatching(/^cel.expression: is not CEL: /)]);
    expect(issues({ ...dbPorts, fixtures: [dbPorts.fixtures[0]] })).toEqual([
      'fixtures: a cel invariant needs a fixture it breaks on',
    ]);
    expect(issues({ ...dbPorts, fixtures: undefined })).toEqual([
      'fixtures: a cel invariant needs a fixture it holds on',
      'fixtures: a cel invariant needs a fixture it breaks on',
    ]);
    const wrong = structuredClone(dbPorts);
    wrong.fixtures[1].flow.allows = 'TCP 5432';
    expect(issues(wrong)).toEqual([
      'fixtures.1: "SSH too": the invariant must break, it holds',
    ]);
    expect(issues({ ...dbPorts, never: invariants[0].never })).toContain(
      ': says one of never, only or cel',
    );
  });

  it('checks the fixtures of never and only invariants too', () => {
    expect(
      issues({
        ...invariants[0],
        fixtures: [
          {
            name: 'the DMZ into the data zone',
            flow: intoDb('dmz', 'TCP 5432'),
            expect: 'holds',
          },
        ],
      }),
    ).toEqual([
      'fixtures.0: "the DMZ into the data zone": the invariant must hold, it breaks',
    ]);
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
