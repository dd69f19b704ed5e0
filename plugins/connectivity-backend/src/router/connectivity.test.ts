/*
 * The routes over a real local infrastructure repository (the estate in
 * __testUtils__/estate on main) and a catalog that hides one entity from one
 * user: allowed with its rules (and the request, expiry and requester the
 * portal wrote on them), denied with the isolating side, a 400 per
 * bad input, and what a user may not read left out.
 */
import {
  modelReady,
  OUTSIDER,
  startConnectivityPortal,
} from '../__testUtils__/connectivityPortal';

jest.setTimeout(30_000);

let portal: Awaited<ReturnType<typeof startConnectivityPortal>>;
beforeAll(async () => {
  portal = await startConnectivityPortal();
  await modelReady(portal.get);
});
afterAll(() => portal.stop());

const FILE = 'kubernetes/fraud/allow-payments-web-to-fraud-scoring.yaml';

describe('GET /reach', () => {
  it('allowed: names the rule that allows it, with its file', async () => {
    const res = await portal.get(
      '/reach?from=payments-web&to=component:default/fraud-scoring&port=8443',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      from: {
        entityRef: 'component:default/payments-web',
        workloads: ['payments/payments-web[Component]'],
      },
      to: { entityRef: 'component:default/fraud-scoring' },
      protocol: 'TCP',
      port: 8443,
      allowed: true,
      isolatedBy: [],
    });
    // payments is not isolated for egress: the one rule is the ingress one.
    expect(res.body.rules).toEqual([
      {
        side: 'to',
        direction: 'Ingress',
        workload: 'fraud/fraud-scoring[Component]',
        policy: {
          namespace: 'fraud',
          name: 'allow-payments-web-to-fraud-scoring',
          file: FILE,
        },
        index: 0,
        // What the portal wrote on it: the request, its end, who asked.
        changeRequest: 'cr-20261201-a1b2c3',
        expiresAt: '2027-02-28',
        requestedBy: 'user:default/raj.patel',
      },
    ]);
    // the half-written file is reported, not fatal
    expect(res.body.model.problems).toEqual([
      expect.objectContaining({ file: 'kubernetes/payments/broken.YAML' }),
    ]);
    expect(res.body.model.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('allowed on both sides: the egress and the ingress rule', async () => {
    const res = await portal.get(
      '/reach?from=fraud-scoring&to=fraud-cases-db&port=5432/tcp',
    );
    expect(res.body.allowed).toBe(true);
    expect(
      res.body.rules.map((r: any) => `${r.side} ${r.policy.name}`).sort(),
    ).toEqual([
      'from allow-fraud-scoring-to-cases-db',
      'to allow-cases-db-from-fraud-scoring',
    ]);
  });

  it('denied at the destination: which side isolates it, and by which policies', async () => {
    const res = await portal.get(
      '/reach?from=payments-web&to=fraud-scoring&port=5432',
    );
    expect(res.status).toBe(200);
    expect(res.body.allowed).toBe(false);
    expect(res.body.rules).toEqual([]);
    expect(res.body.isolatedBy).toEqual([
      {
        side: 'to',
        direction: 'Ingress',
        workload: 'fraud/fraud-scoring[Component]',
        policies: [
          {
            namespace: 'fraud',
            name: 'allow-payments-web-to-fraud-scoring',
            file: FILE,
          },
          {
            namespace: 'fraud',
            name: 'default-deny',
            file: 'kubernetes/fraud/namespace-baseline.yaml',
          },
        ],
      },
    ]);
  });

  it('denied at the source: the egress side', async () => {
    const res = await portal.get(
      '/reach?from=fraud-scoring&to=payments-web&port=443',
    );
    expect(res.body.allowed).toBe(false);
    expect(res.body.isolatedBy).toEqual([
      expect.objectContaining({
        side: 'from',
        direction: 'Egress',
        workload: 'fraud/fraud-scoring[Component]',
      }),
    ]);
  });

  it('an address outside the cluster, by ipBlock', async () => {
    const allowed = await portal.get(
      '/reach?from=10.20.3.14&to=fraud-scoring&port=8443',
    );
    expect(allowed.body).toMatchObject({
      from: { address: '10.20.3.14', workloads: [] },
      allowed: true,
    });
    const denied = await portal.get(
      '/reach?from=10.30.0.1&to=fraud-scoring&port=8443',
    );
    expect(denied.body.allowed).toBe(false);
  });

  it.each([
    ['from=nobody&to=fraud-scoring&port=8443', 'from: no entity "nobody"'],
    ['from=payments-web&to=group:default/x&port=8443', 'to: no entity'],
    ['from=payments-web&to=seg-dmz&port=8443', 'to: no entity "seg-dmz"'],
    [
      'from=payments-web&to=resource:default/seg-dmz&port=8443',
      'to: resource:default/seg-dmz runs no workload',
    ],
    ['from=payments-web&to=fraud-scoring&port=https', 'port: "https"'],
    ['from=payments-web&to=fraud-scoring&port=70000', 'port: "70000"'],
    ['from=payments-web&to=fraud-scoring&port=0', 'port: "0"'],
    ['from=payments-web&to=fraud-scoring&port=53/ICMP', 'port: "53/ICMP"'],
    ['from=10.0.0.1&to=10.0.0.2&port=80', 'from, to: at least one end'],
    ['from=component:&to=fraud-scoring&port=80', 'from: "component:" is not'],
    ['to=fraud-scoring&port=8443', 'from'],
    ['from=payments-web&to=fraud-scoring', 'port'],
  ])('400 naming the field: %s', async (query, message) => {
    const res = await portal.get(`/reach?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  });
});

describe('GET /inbound and /outbound', () => {
  it('answers an entity no workload maps to with none, not a 400 (a segment)', async () => {
    const res = await portal.get('/inbound?to=resource:default/seg-dmz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entity: { entityRef: 'resource:default/seg-dmz', workloads: [] },
      items: [],
      truncated: false,
    });
  });

  it('who can reach fraud-scoring: payments-web and the ipBlock, with the rule', async () => {
    const res = await portal.get('/inbound?to=fraud-scoring');
    expect(res.status).toBe(200);
    expect(res.body.truncated).toBe(false);
    const items = res.body.items.map((i: any) => [
      i.peer.entityRef ?? i.peer.address,
      i.connections,
      i.rules.map((r: any) => r.policy.name),
    ]);
    expect(items).toEqual([
      [
        'component:default/payments-web',
        'TCP 8443',
        ['allow-payments-web-to-fraud-scoring'],
      ],
      [
        '10.20.0.0-10.20.255.255',
        'TCP 8443',
        ['allow-payments-web-to-fraud-scoring'],
      ],
    ]);
  });

  it('what fraud-scoring can reach: the case database on 5432 only', async () => {
    const res = await portal.get('/outbound?from=fraud-scoring');
    expect(
      res.body.items.map((i: any) => [
        i.peer.entityRef ?? i.peer.address,
        i.connections,
      ]),
    ).toEqual([['resource:default/fraud-cases-db', 'TCP 5432']]);
  });

  it('a user sees only entities they may read', async () => {
    const peers = async (user: string) =>
      (await portal.get('/outbound?from=payments-web', user)).body.items
        .map((i: any) => i.peer.entityRef)
        .filter(Boolean);
    expect(await peers('user:default/alice')).toEqual([
      'component:default/fraud-scoring',
      'component:default/secret-svc',
    ]);
    expect(await peers(OUTSIDER)).toEqual(['component:default/fraud-scoring']);
    const hidden = await portal.get(
      '/reach?from=payments-web&to=secret-svc&port=443',
      OUTSIDER,
    );
    expect(hidden.status).toBe(400);
    expect(hidden.body.error.message).toContain('to: no entity "secret-svc"');
  });

  it.each([
    ['/inbound?to=nobody', 'to: no entity "nobody"'],
    ['/outbound?from=10.0.0.1', 'from: "10.0.0.1" is an address'],
    ['/inbound', 'to'],
  ])('400 naming the field: %s', async (path, message) => {
    const res = await portal.get(path);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  });
});

describe('no infrastructure repository yet', () => {
  it('answers from an empty main: nothing isolates', async () => {
    const empty = await startConnectivityPortal({ repository: false });
    try {
      await modelReady(empty.get);
      // An empty main: nothing isolates, the model is empty of policies.
      const res = await empty.get(
        '/reach?from=payments-web&to=fraud-scoring&port=8443',
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ allowed: true, rules: [] });
      expect(res.body.model.commit).toBeUndefined();
    } finally {
      await empty.stop();
    }
  });
});
