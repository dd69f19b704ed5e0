/*
 * The lookup on the sample catalog/, through the real catalog backend, the
 * typed-ownership catalog module and this plugin: each sample hostname, IP and
 * name resolves to the right three owners; on-call changes at the handoff.
 */
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleIntegratedOps from '@internal/plugin-catalog-backend-module-integrated-ops';
import { LookupResponse } from '@internal/plugin-integrated-ops-common';
import { resolve } from 'path';
import request from 'supertest';
import { integratedOpsPlugin } from './plugin';
import { databasePerPlugin } from './__testUtils__/databasePerPlugin';

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
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleIntegratedOps,
      integratedOpsPlugin,
      // the real scheduler: the mock one runs tasks only once, at startup
      schedulerServiceFactory,
      databasePerPlugin(databases),
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            processingInterval: { milliseconds: 400 },
            rules: [
              {
                allow: [
                  'Component',
                  'System',
                  'API',
                  'Resource',
                  'Location',
                  'Domain',
                  'Group',
                  'User',
                ],
              },
            ],
            locations: [
              {
                type: 'file',
                target: resolve(__dirname, '../../../catalog/all.yaml'),
              },
            ],
          },
          integratedOps: {
            ownership: { lookupCacheSeconds: 0 },
            lookup: { refreshSeconds: 1 },
          },
        },
      }),
    ],
  });
  server = backend.server;
  stop = () => backend.stop();

  // Wait until the index holds the processed estate: nothing falls back to
  // spec.owner except the two deliberate gaps (first passes may, until the
  // catalog has the System they inherit from).
  const deliberateGaps = [
    'component:default/legacy-batch-scorer',
    'resource:default/model-artifacts-bucket',
  ];
  const deadline = Date.now() + 90_000;
  for (;;) {
    const res = await request(server).get('/api/integrated-ops/coverage');
    const fallbacks =
      res.status === 200
        ? [
            ...new Set<string>(
              res.body.gaps
                .filter((g: any) =>
                  g.gaps.some((x: any) => x.kind === 'owner-fallback'),
                )
                .map((g: any) => g.entityRef),
            ),
          ].sort()
        : undefined;
    if (
      res.status === 200 &&
      res.body.overall.entities > 40 &&
      JSON.stringify(fallbacks) === JSON.stringify(deliberateGaps)
    )
      break;
    if (Date.now() > deadline)
      throw new Error(
        `index never caught up: ${res.status} ${JSON.stringify(fallbacks)}`,
      );
    await new Promise(r => setTimeout(r, 500));
  }
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
