import { formatConnections } from './format';
import { conns, ep, model, policy, workload } from './__testUtils__/builders';

const A = workload('ns1/a', { app: 'a' });
const B = workload('ns1/b', { app: 'b' });
const C = workload('ns2/c', { app: 'a' }, { namespaceLabels: { team: 'x' } });
const ALL = 'All Connections';
const NONE = 'No Connections';

describe('isolation', () => {
  it('allows everything when no policy selects a pod', () => {
    const m = model([A, B], []);
    expect(conns(m, 'ns1/a', 'ns1/b')).toBe(ALL);
    expect(conns(m, 'ns1/a', '8.8.8.8')).toBe(ALL);
  });

  it('isolates only for the directions listed in policyTypes', () => {
    const m = model(
      [A, B],
      [
        policy('ns1/egress-only', {
          podSelector: { matchLabels: { app: 'a' } },
          policyTypes: ['Egress'],
        }),
      ],
    );
    expect(conns(m, 'ns1/a', 'ns1/b')).toBe(NONE);
    expect(conns(m, 'ns1/a', '8.8.8.8')).toBe(NONE);
    // a is not isolated for ingress: b still reaches it
    expect(conns(m, 'ns1/b', 'ns1/a')).toBe(ALL);
  });

  it('says for which directions a workload is isolated', () => {
    const m = model(
      [A, B, C],
      [
        policy('ns1/egress-only', {
          podSelector: { matchLabels: { app: 'a' } },
          policyTypes: ['Egress'],
        }),
        policy('ns1/both', {
          podSelector: { matchLabels: { app: 'b' } },
          policyTypes: ['Ingress', 'Egress'],
        }),
      ],
    );
    const names = (id: string) => {
      const { ingress, egress } = m.selectedBy(id);
      return {
        ingress: ingress.map(p => p.name),
        egress: egress.map(p => p.name),
      };
    };
    expect(names('ns1/a[Deployment]')).toEqual({
      ingress: [],
      egress: ['egress-only'],
    });
    expect(names('ns1/b[Deployment]')).toEqual({
      ingress: ['both'],
      egress: ['both'],
    });
    // a policy selects pods of its own namespace only
    expect(names('ns2/c[Deployment]')).toEqual({ ingress: [], egress: [] });
    expect(() => m.selectedBy('ns9/z[Deployment]')).toThrow('unknown workload');
  });

  it('defaults policyTypes to Ingress, and Egress only when there are egress rules', () => {
    const ingressOnly = model(
      [A, B],
      [policy('ns1/p', { podSelector: { matchLabels: { app: 'a' } } })],
    );
    expect(conns(ingressOnly, 'ns1/b', 'ns1/a')).toBe(NONE);
    expect(conns(ingressOnly, 'ns1/a', 'ns1/b')).toBe(ALL);

    // egress rules and no policyTypes: isolated for both, and no ingress rule
    const withEgress = model(
      [A, B],
      [
        policy('ns1/p', {
          podSelector: { matchLabels: { app: 'a' } },
          egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }],
        }),
      ],
    );
    expect(conns(withEgress, 'ns1/b', 'ns1/a')).toBe(NONE);
    expect(conns(withEgress, 'ns1/a', 'ns1/b')).toBe('UDP 53');

    // an empty policyTypes list is defaulted too
    const empty = model(
      [A, B],
      [policy('ns1/p', { podSelector: {}, policyTypes: [] })],
    );
    expect(conns(empty, 'ns1/b', 'ns1/a')).toBe(NONE);
    expect(conns(empty, 'ns1/a', '1.1.1.1')).toBe(ALL);
  });

  it('ignores the rules of a direction not listed in policyTypes', () => {
    const m = model(
      [A, B],
      [
        policy('ns1/p', {
          podSelector: { matchLabels: { app: 'a' } },
          policyTypes: ['Ingress'],
          ingress: [{}],
          egress: [{ ports: [{ port: 80 }] }],
        }),
      ],
    );
    expect(conns(m, 'ns1/a', 'ns1/b')).toBe(ALL);
  });

  it('denies everything in a direction when the policy has no rule for it, allows all with an empty rule', () => {
    const deny = model(
      [A, B],
      [
        policy('ns1/p', {
          podSelector: {},
          policyTypes: ['Ingress', 'Egress'],
        }),
      ],
    );
    expect(deny.list()).toEqual([]);
    const allow = model(
      [A, B],
      [
        policy('ns1/p', {
          podSelector: {},
          policyTypes: ['Ingress', 'Egress'],
          ingress: [{}],
          egress: [{}],
        }),
      ],
    );
    expect(conns(allow, 'ns1/a', 'ns1/b')).toBe(ALL);
    expect(conns(allow, '9.9.9.9', 'ns1/b')).toBe(ALL);
  });

  it('selects only pods in the policy namespace', () => {
    const m = model([A, C], [policy('ns1/deny', { podSelector: {} })]);
    expect(conns(m, 'ns2/c', 'ns1/a')).toBe(NONE);
    // c has the same labels as a but lives in ns2: not selected
    expect(conns(m, 'ns1/a', 'ns2/c')).toBe(ALL);
  });

  it('changes nothing with a policy that selects no pod', () => {
    const m = model(
      [A, B],
      [policy('ns1/none', { podSelector: { matchLabels: { app: 'zzz' } } })],
    );
    expect(conns(m, 'ns1/b', 'ns1/a')).toBe(ALL);
    const other = model([A, B], [policy('ns9/all', { podSelector: {} })]);
    expect(conns(other, 'ns1/b', 'ns1/a')).toBe(ALL);
  });
});

describe('combining', () => {
  it('unions the allows of every policy selecting a pod', () => {
    const m = model(
      [A, B],
      [
        policy('ns1/p1', {
          podSelector: { matchLabels: { app: 'a' } },
          ingress: [{ ports: [{ port: 80 }] }],
        }),
        policy('ns1/p2', {
          podSelector: {},
          ingress: [{ ports: [{ port: 443 }] }],
        }),
      ],
    );
    expect(conns(m, 'ns1/b', 'ns1/a')).toBe('TCP 80,443');
    expect(conns(m, 'ns1/a', 'ns1/b')).toBe('TCP 443');
  });

  it('needs egress at the source and ingress at the destination', () => {
    const m = model(
      [A, B],
      [
        policy('ns1/out', {
          podSelector: { matchLabels: { app: 'a' } },
          policyTypes: ['Egress'],
          egress: [{ ports: [{ port: 80, endPort: 90 }] }],
        }),
        policy('ns1/in', {
          podSelector: { matchLabels: { app: 'b' } },
          ingress: [{ ports: [{ port: 85, endPort: 100 }] }],
        }),
      ],
    );
    expect(conns(m, 'ns1/a', 'ns1/b')).toBe('TCP 85-90');
  });
});

describe('peers', () => {
  const D = workload('ns2/d', { app: 'd' }, { namespaceLabels: { team: 'x' } });
  const E = workload('ns3/e', { app: 'a' }, { namespaceLabels: { team: 'y' } });
  const dst = policy; // readability
  it('ANDs namespaceSelector and podSelector in one peer, ORs peers', () => {
    const and = model(
      [A, C, D, E],
      [
        dst('ns1/p', {
          podSelector: { matchLabels: { app: 'a' } },
          ingress: [
            {
              from: [
                {
                  namespaceSelector: { matchLabels: { team: 'x' } },
                  podSelector: { matchLabels: { app: 'a' } },
                },
              ],
            },
          ],
        }),
      ],
    );
    expect(conns(and, 'ns2/c', 'ns1/a')).toBe(ALL);
    expect(conns(and, 'ns2/d', 'ns1/a')).toBe(NONE);
    expect(conns(and, 'ns3/e', 'ns1/a')).toBe(NONE);
    const or = model(
      [A, C, D, E],
      [
        dst('ns1/p', {
          podSelector: { matchLabels: { app: 'a' } },
          ingress: [
            {
              from: [
                { namespaceSelector: { matchLabels: { team: 'x' } } },
                { podSelector: { matchLabels: { app: 'a' } } },
              ],
            },
          ],
        }),
      ],
    );
    expect(conns(or, 'ns2/d', 'ns1/a')).toBe(ALL);
    // podSelector alone is the policy's namespace: e (app=a in ns3) is not a peer
    expect(conns(or, 'ns3/e', 'ns1/a')).toBe(NONE);
  });

  it('reads an empty namespaceSelector as every namespace and an empty podSelector as every pod', () => {
    const m = model(
      [A, B, E],
      [
        dst('ns1/p', {
          podSelector: { matchLabels: { app: 'a' } },
          ingress: [{ from: [{ namespaceSelector: {} }] }],
        }),
      ],
    );
    expect(conns(m, 'ns3/e', 'ns1/a')).toBe(ALL);
    expect(conns(m, '1.2.3.4', 'ns1/a')).toBe(NONE);
    const local = model(
      [A, B, E],
      [
        dst('ns1/p', {
          podSelector: { matchLabels: { app: 'a' } },
          ingress: [{ from: [{ podSelector: {} }] }],
        }),
      ],
    );
    expect(conns(local, 'ns1/b', 'ns1/a')).toBe(ALL);
    expect(conns(local, 'ns3/e', 'ns1/a')).toBe(NONE);
  });

  it('reads an absent or empty from/to as every peer, inside and outside the cluster', () => {
    const m = model(
      [A, E],
      [
        dst('ns1/p', {
          podSelector: {},
          ingress: [{ from: [], ports: [{ port: 80 }] }],
        }),
      ],
    );
    expect(conns(m, 'ns3/e', 'ns1/a')).toBe('TCP 80');
    expect(conns(m, '1.2.3.4', 'ns1/a')).toBe('TCP 80');
  });

  it('matches namespaces by the automatic kubernetes.io/metadata.name label', () => {
    const m = model(
      [A, D, E],
      [
        dst('ns1/p', {
          podSelector: {},
          ingress: [
            {
              from: [
                {
                  namespaceSelector: {
                    matchLabels: { 'kubernetes.io/metadata.name': 'ns3' },
                  },
                },
              ],
            },
          ],
        }),
      ],
    );
    expect(conns(m, 'ns3/e', 'ns1/a')).toBe(ALL);
    expect(conns(m, 'ns2/d', 'ns1/a')).toBe(NONE);
  });

  it.each([
    ['In', ['a', 'zz'], { 'ns1/a': ALL, 'ns2/d': NONE, 'ns3/x': NONE }],
    ['NotIn', ['a'], { 'ns1/a': NONE, 'ns2/d': ALL, 'ns3/x': ALL }],
    ['Exists', undefined, { 'ns1/a': ALL, 'ns2/d': ALL, 'ns3/x': NONE }],
    ['DoesNotExist', undefined, { 'ns1/a': NONE, 'ns2/d': NONE, 'ns3/x': ALL }],
  ])('matchExpressions %s', (operator, values, expected) => {
    const X = workload('ns3/x', { other: '1' });
    const target = workload('ns9/t', { t: '1' });
    const m = model(
      [A, D, X, target],
      [
        dst('ns9/p', {
          podSelector: {},
          ingress: [
            {
              from: [
                {
                  namespaceSelector: {},
                  podSelector: {
                    matchExpressions: [{ key: 'app', operator, values }],
                  },
                },
              ],
            },
          ],
        }),
      ],
    );
    for (const [src, result] of Object.entries(expected)) {
      expect([src, conns(m, src, 'ns9/t')]).toEqual([src, result]);
    }
  });

  it('ANDs matchLabels and matchExpressions', () => {
    const m = model(
      [
        workload('ns1/a', { app: 'a', tier: 'web' }),
        workload('ns1/b', { app: 'a' }),
        workload('ns1/t', { t: '1' }),
      ],
      [
        dst('ns1/p', {
          podSelector: { matchLabels: { t: '1' } },
          ingress: [
            {
              from: [
                {
                  podSelector: {
                    matchLabels: { app: 'a' },
                    matchExpressions: [{ key: 'tier', operator: 'Exists' }],
                  },
                },
              ],
            },
          ],
        }),
      ],
    );
    expect(conns(m, 'ns1/a', 'ns1/t')).toBe(ALL);
    expect(conns(m, 'ns1/b', 'ns1/t')).toBe(NONE);
  });

  it('applies ipBlock with except to addresses outside the cluster only', () => {
    const m = model(
      [A, B],
      [
        dst('ns1/p', {
          podSelector: { matchLabels: { app: 'a' } },
          policyTypes: ['Egress'],
          egress: [
            {
              to: [
                { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
              ],
            },
          ],
        }),
      ],
    );
    expect(conns(m, 'ns1/a', '10.0.0.1')).toBe(ALL);
    expect(conns(m, 'ns1/a', '10.1.2.3')).toBe(NONE);
    expect(conns(m, 'ns1/a', '11.0.0.1')).toBe(NONE);
    expect(conns(m, 'ns1/a', 'ns1/b')).toBe(NONE);
    expect(
      formatConnections(
        m
          .list()
          .filter(
            c => c.src.kind === 'workload' && c.src.id === 'ns1/a[Deployment]',
          ),
        'txt',
      ),
    ).toBe(
      [
        'ns1/a[Deployment] => 10.0.0.0-10.0.255.255[External] : All Connections',
        'ns1/a[Deployment] => 10.2.0.0-10.255.255.255[External] : All Connections',
        '',
      ].join('\n'),
    );
  });

  it('handles IPv6 blocks', () => {
    const m = model(
      [A],
      [
        dst('ns1/p', {
          podSelector: {},
          ingress: [{ from: [{ ipBlock: { cidr: '2001:db8::/32' } }] }],
        }),
      ],
    );
    expect(conns(m, '2001:db8::1', 'ns1/a')).toBe(ALL);
    expect(conns(m, '2001:db9::1', 'ns1/a')).toBe(NONE);
    expect(conns(m, '10.0.0.1', 'ns1/a')).toBe(NONE);
  });
});

describe('ports', () => {
  const web = workload(
    'ns1/web',
    { app: 'web' },
    { namedPorts: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
  );
  const api = workload(
    'ns1/api',
    { app: 'api' },
    {
      namedPorts: [
        { name: 'http', port: 9090, protocol: 'TCP' },
        { name: 'dns', port: 5353, protocol: 'UDP' },
      ],
    },
  );
  const client = workload('ns1/client', { app: 'client' });

  it('resolves a named port per destination pod, with its protocol', () => {
    const m = model(
      [web, api, client],
      [
        policy('ns1/p', {
          podSelector: {
            matchExpressions: [
              { key: 'app', operator: 'In', values: ['web', 'api'] },
            ],
          },
          ingress: [
            {
              ports: [
                { port: 'http' },
                { port: 'dns' },
                { port: 'dns', protocol: 'UDP' },
              ],
            },
          ],
        }),
      ],
    );
    expect(conns(m, 'ns1/client', 'ns1/web')).toBe('TCP 8080');
    expect(conns(m, 'ns1/client', 'ns1/api')).toBe('TCP 9090,UDP 5353');
  });

  it('resolves named ports of egress rules at the destination, and never for addresses', () => {
    const m = model(
      [web, api, client],
      [
        policy('ns1/p', {
          podSelector: { matchLabels: { app: 'client' } },
          egress: [{ ports: [{ port: 'http' }] }],
        }),
      ],
    );
    expect(conns(m, 'ns1/client', 'ns1/web')).toBe('TCP 8080');
    expect(conns(m, 'ns1/client', 'ns1/api')).toBe('TCP 9090');
    expect(conns(m, 'ns1/client', '1.1.1.1')).toBe(NONE);
  });

  it('reads endPort as a range, a protocol alone as all its ports, TCP by default', () => {
    const m = model(
      [A, B],
      [
        policy('ns1/p', {
          podSelector: { matchLabels: { app: 'a' } },
          ingress: [
            {
              ports: [
                { port: 8080, endPort: 8090 },
                { protocol: 'SCTP' },
                { port: 53, protocol: 'UDP' },
              ],
            },
          ],
        }),
      ],
    );
    expect(conns(m, 'ns1/b', 'ns1/a')).toBe(
      'SCTP 1-65535,TCP 8080-8090,UDP 53',
    );
  });
});

describe('problems', () => {
  it('leaves out a malformed policy and says why', () => {
    const m = model(
      [A, B],
      [
        policy(
          'ns1/bad',
          {
            podSelector: {},
            ingress: [
              {
                ports: [
                  { port: 'http', endPort: 90 },
                  { port: 70000 },
                  { protocol: 'ICMP' },
                ],
              },
            ],
          },
          'bad.yaml',
        ),
        policy('ns1/bad2', {
          podSelector: { matchExpressions: [{ key: 'a', operator: 'In' }] },
          ingress: [
            {
              from: [
                { ipBlock: { cidr: '10.0.0.0/33' } },
                {
                  ipBlock: { cidr: '10.0.0.0/8', except: ['11.0.0.0/8'] },
                  podSelector: {},
                },
                {},
              ],
            },
          ],
        }),
      ],
    );
    expect(conns(m, 'ns1/b', 'ns1/a')).toBe(ALL);
    expect(m.problems).toEqual([
      {
        policy: { namespace: 'ns1', name: 'bad', file: 'bad.yaml' },
        problems: [
          'spec.ingress[0].ports[0].endPort: needs a numeric port',
          'spec.ingress[0].ports[1].port: 70000 is not a port between 1 and 65535',
          'spec.ingress[0].ports[2].protocol: "ICMP" is not TCP, UDP or SCTP',
        ],
      },
      {
        policy: { namespace: 'ns1', name: 'bad2' },
        problems: [
          'spec.podSelector.matchExpressions[0].values: must be non-empty for In',
          'spec.ingress[0].from[0].ipBlock.cidr: "10.0.0.0/33" is not a CIDR',
          'spec.ingress[0].from[1]: ipBlock cannot be combined with selectors',
          'spec.ingress[0].from[2]: must name an ipBlock, a namespaceSelector or a podSelector',
        ],
      },
    ]);
  });
});

describe('evaluate', () => {
  it('names the allowing rules, or the side that isolates', () => {
    const m = model(
      [A, B],
      [
        policy(
          'ns1/p1',
          {
            podSelector: { matchLabels: { app: 'b' } },
            ingress: [
              { ports: [{ port: 80 }] },
              { from: [{ podSelector: { matchLabels: { app: 'a' } } }] },
            ],
          },
          'p1.yaml',
        ),
        policy(
          'ns1/p2',
          {
            podSelector: {},
            policyTypes: ['Egress'],
            egress: [{ to: [{ podSelector: {} }] }],
          },
          'p2.yaml',
        ),
      ],
    );
    const ok = m.evaluate(ep('ns1/a'), ep('ns1/b'), 'TCP', 80);
    expect(ok.allowed).toBe(true);
    expect(
      ok.ingress.allowingRules.map(
        r => `${r.policy.name}/${r.direction}/${r.index}`,
      ),
    ).toEqual(['p1/Ingress/0', 'p1/Ingress/1']);
    expect(ok.egress.allowingRules.map(r => r.policy.name)).toEqual(['p2']);

    const denied = m.evaluate(ep('ns1/b'), ep('ns1/a'), 'UDP', 53);
    expect(denied.allowed).toBe(true); // a is not isolated for ingress, b's egress allows pods

    const out = m.evaluate(ep('ns1/a'), ep('8.8.8.8'), 'TCP', 443);
    expect(out.allowed).toBe(false);
    expect(out.egress).toMatchObject({
      isolated: true,
      allowed: false,
      allowingRules: [],
    });
    expect(out.egress.isolatingPolicies.map(p => p.name)).toEqual(['p2']);
    expect(out.ingress).toMatchObject({ isolated: false, allowed: true });
  });

  it('excludes a workload to itself from the list, merges external ranges', () => {
    const m = model([A, B], []);
    expect(formatConnections(m.list(), 'txt')).toBe(
      [
        '0.0.0.0-255.255.255.255[External] => ns1/a[Deployment] : All Connections',
        '0.0.0.0-255.255.255.255[External] => ns1/b[Deployment] : All Connections',
        'ns1/a[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections',
        'ns1/a[Deployment] => ns1/b[Deployment] : All Connections',
        'ns1/b[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections',
        'ns1/b[Deployment] => ns1/a[Deployment] : All Connections',
        '',
      ].join('\n'),
    );
  });
});
