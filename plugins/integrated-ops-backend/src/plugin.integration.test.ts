/*
 * The lookup on the sample catalog/, through the real catalog backend, the
 * typed-ownership catalog module and this plugin: each sample hostname, IP and
 * name resolves to the right three owners; on-call changes at the handoff.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { LookupResponse } from '@integrated-ops/plugin-integrated-ops-common';
import request from 'supertest';
import { startSampleEstate } from './__testUtils__/sampleEstate';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

type Server = Parameters<typeof request>[0];
let server: Server;
let stop: () => Promise<void>;

async function lookup(q: string, at?: string): Promise<LookupResponse> {
  const res = await request(server)
    .get('/api/integrated-ops/lookup')
    .query(at ? { q, at } : { q });
  expect(res.status).toBe(200);
  return res.body;
}

const teams = (r: LookupResponse, i = 0) => {
  const o = r.matches[i].answer!.owners;
  return [o.netops, o.devops, o.secops].map(d =>
    d.team?.ref.replace('group:default/', ''),
  );
};

beforeAll(async () => {
  ({ server, stop } = await startSampleEstate(databases, {
    integratedOps: {
      lookup: {
        refreshSeconds: 1,
        noOwnerEscalation: 'group:default/incident-command',
      },
    },
  }));
});

afterAll(async () => {
  await stop?.();
});

describe('incident lookup on the sample estate', () => {
  it.each([
    [
      'api.pay.bank.example',
      'component:default/edge-transaction-gateway',
      'hostname',
      ['netops-edge', 'sre-payments', 'soc-tier1'],
    ],
    [
      'https://pay.bank.example/checkout',
      'component:default/payments-web',
      'hostname',
      ['netops-edge', 'sre-payments', 'soc-tier1'],
    ],
    [
      '10.20.3.14',
      'component:default/fraud-scoring-service',
      'address',
      ['netops-dc', 'sre-payments', 'soc-tier1'],
    ],
    [
      '10.30.9.7',
      'resource:default/seg-ml-gpu',
      'segment',
      ['netops-dc', 'platform-delivery', 'soc-tier1'],
    ],
    [
      '203.0.113.10',
      'resource:default/lb-edge-f5',
      'address',
      ['netops-edge', 'sre-payments', 'soc-tier1'],
    ],
    [
      'features.ml.bank.internal',
      'component:default/feature-store-service',
      'hostname',
      ['netops-dc', 'platform-delivery', 'soc-tier1'],
    ],
    [
      'kafka-payments.stream.bank.internal:9093',
      'resource:default/kafka-payments',
      'hostname',
      ['netops-dc', 'platform-delivery', 'soc-tier1'],
    ],
    [
      'model-training-pipeline',
      'component:default/model-training-pipeline',
      'name',
      ['netops-dc', 'platform-delivery', 'vuln-mgmt'],
    ],
    [
      'siem-fwd.sec.bank.internal',
      'component:default/siem-log-forwarder',
      'hostname',
      ['netops-dc', 'platform-delivery', 'soc-tier2'],
    ],
  ])('%s -> %s', async (q, ref, matchedBy, owners) => {
    const response = await lookup(q);
    expect(response.matches[0]).toMatchObject({ entityRef: ref, matchedBy });
    expect(teams(response)).toEqual(owners);
    expect(response.index.stale).toBe(false);
  });

  it('falls back to spec.owner, marked, where nothing declares ops owners', async () => {
    const response = await lookup('legacy-batch-scorer');
    const { netops } = response.matches[0].answer!.owners;
    expect([netops.source, netops.team?.ref]).toEqual([
      'fallback',
      'group:default/fraud-ml-team',
    ]);
  });

  it('answers a query that matches nothing with whom to call and what is near', async () => {
    // An address in no segment: the incident escalation, as for no owner.
    const unknown = await lookup('192.0.2.9');
    expect(unknown.matches).toEqual([]);
    expect(unknown.noMatch?.escalateTo?.title).toBe(
      'Major Incident Management',
    );
    expect(unknown.noMatch?.nearest).toBeUndefined();

    // A typo: the name it is one edit from, first.
    const typo = await lookup('fraud-scorng');
    expect(typo.matches).toEqual([]);
    expect(typo.noMatch?.suggestions[0]).toMatchObject({
      entityRef: 'component:default/fraud-scoring-service',
      matchedBy: 'name',
      distance: 1,
    });

    // A new host under a known domain: the System its neighbours belong to,
    // with that System's owners.
    const host = await lookup('new-scorer.fraud.bank.internal');
    expect(host.noMatch?.nearest).toMatchObject({
      entityRef: 'system:default/fraud-detection',
      why: expect.stringContaining('under fraud.bank.internal'),
    });
    expect(host.noMatch?.nearest?.summary.owners.netops.team).toBe(
      'group:default/netops-dc',
    );

    // Something that matches gets no help block.
    expect((await lookup('fraud-scoring-service')).noMatch).toBeUndefined();
  });

  it('hands NetOps Edge on-call from Ana to Tom at the Monday 09:00 London handoff', async () => {
    const before = await lookup(
      'edge-transaction-gateway',
      '2026-01-12T08:59:00Z',
    );
    const after = await lookup(
      'edge-transaction-gateway',
      '2026-01-12T09:00:00Z',
    );
    const primary = (r: LookupResponse) =>
      r.matches[0].answer!.owners.netops.onCall.find(
        c => c.rotation === 'primary',
      );
    expect(primary(before)?.person?.name).toBe('Ana Silva');
    expect(primary(after)?.person?.name).toBe('Tom Becker');
  });

  it('escalates SecOps from SOC tier 1 through tier 2 and 3 to the SOC manager', async () => {
    const { secops } = (await lookup('api.pay.bank.example')).matches[0].answer!
      .owners;
    expect(
      secops.escalation.map(s => [
        s.title,
        s.socTier ?? null,
        s.lead?.name ?? null,
      ]),
    ).toEqual([
      ['SOC Tier 1', 1, 'Lucas Martin'],
      ['SOC Tier 2', 2, 'Elena Petrova'],
      ['SOC Tier 3', 3, 'Victor Dubois'],
      ['Security Operations Centre', null, 'Priya Raman'],
      ['Security Operations', null, 'Grace Adeyemi'],
    ]);
  });

  it('lists what breaks when the PCI segment goes down', async () => {
    const res = await request(server)
      .get('/api/integrated-ops/blast-radius')
      .query({ entity: '10.20.3.0/24', depth: 1 });
    expect(res.status).toBe(200);
    expect(res.body.entity.entity.ref).toBe('resource:default/seg-pci-app');
    expect(res.body.dependents.map((n: any) => n.entityRef).sort()).toEqual([
      'component:default/case-management-ui',
      'component:default/fraud-alert-notifier',
      'component:default/fraud-scoring-service',
      'component:default/rules-engine',
      'resource:default/fw-edge',
      'resource:default/k8s-prod-edge',
    ]);
  });
});
