/*
 * The PagerDuty module in a backend with the real integrated-ops plugin,
 * against a local server shaped like PagerDuty's APIs: lookups name the
 * PagerDuty on-call, alerts are forwarded with the team's routing key, and a
 * missing token stops the backend with a message that says what to set.
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import integratedOpsPlugin from '@integrated-ops/plugin-integrated-ops-backend';
import { Server } from 'node:http';
import request from 'supertest';
import { integratedOpsModulePagerDuty } from './module';
import {
  acknowledge,
  FakePagerDutyState,
  startFakePagerDuty,
} from './__testUtils__/fakePagerDuty';

const entity = (
  kind: string,
  name: string,
  spec: object,
  extra: Partial<Entity> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', ...(extra.metadata as object) },
  spec: spec as Entity['spec'],
  relations: extra.relations,
});

const catalog: Entity[] = [
  entity(
    'Group',
    'soc-tier1',
    {
      type: 'team',
      children: [],
      opsTeam: {
        discipline: 'secops',
        onCall: [
          {
            name: 'primary',
            members: ['user:default/noah.kim'],
            start: '2026-01-05T09:00',
            period: 'P7D',
            timeZone: 'Europe/London',
            from: { provider: 'pagerduty', schedule: 'PSOC1' },
          },
        ],
      },
    },
    {
      metadata: {
        name: 'soc-tier1',
        annotations: {
          'pagerduty.com/escalation-policy-id': 'PPOLSOC',
          'pagerduty.com/integration-key': 'R0UTINGKEYSOC000000000000000001',
        },
      },
    },
  ),
  entity('User', 'noah.kim', {
    profile: { displayName: 'Noah Kim', email: 'noah.kim@bank.example' },
  }),
  entity('User', 'amara.obi', {
    profile: { displayName: 'Amara Obi', email: 'amara.obi@bank.example' },
  }),
  entity(
    'Component',
    'fraud-scoring-service',
    { type: 'service', network: { addresses: ['10.20.3.14'] } },
    {
      relations: [
        { type: 'secopsOwnedBy', targetRef: 'group:default/soc-tier1' },
      ],
      metadata: {
        name: 'fraud-scoring-service',
        annotations: { 'integrated-ops.io/secops-owner-source': 'declared' },
      },
    },
  ),
];

jest.setTimeout(30_000);

// Databases the test closes (the default in-memory one keeps the worker alive).
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const database = createServiceFactory({
  service: coreServices.database,
  deps: {},
  async factory() {
    return mockServices.database({ knex: await databases.init('SQLITE_3') });
  },
});

describe('integrated-ops PagerDuty module', () => {
  let pd: { url: string; state: FakePagerDutyState; server: Server };

  beforeEach(async () => {
    const now = Date.now();
    pd = await startFakePagerDuty({
      schedules: [
        { id: 'PSOC1', name: 'SOC T1 (PagerDuty)', time_zone: 'Europe/London' },
      ],
      policies: [
        {
          id: 'PPOLSOC',
          name: 'SOC',
          rules: [
            {
              delay: 5,
              targets: [{ id: 'PSOC1', type: 'schedule_reference' }],
            },
          ],
        },
      ],
      onCalls: [
        {
          user: {
            id: 'PAMARA',
            name: 'Amara Obi',
            email: 'amara.obi@bank.example',
          },
          scheduleId: 'PSOC1',
          policyId: 'PPOLSOC',
          level: 1,
          start: new Date(now - 3600_000).toISOString(),
          end: new Date(now + 3600_000).toISOString(),
        },
      ],
    });
  });
  afterEach(async () => {
    pd.server.closeAllConnections();
    await new Promise(r => pd.server.close(r));
  });

  const start = (pagerduty: object | undefined) =>
    startTestBackend({
      features: [
        integratedOpsPlugin,
        integratedOpsModulePagerDuty,
        // the real scheduler: the mock one does not run the refresh tasks
        schedulerServiceFactory,
        database,
        catalogServiceMock.factory({ entities: catalog }),
        mockServices.rootConfig.factory({
          data: {
            integratedOps: {
              pagerduty,
              onCall: { ttlSeconds: 1 },
              alerts: { senders: ['alertmanager'] },
              paging: { vendorCheckSeconds: 0 },
            },
          },
        }),
      ],
    });

  it('answers lookups with the PagerDuty on-call and forwards alerts with the team routing key', async () => {
    const backend = await start({
      token: 'pd-test-token',
      apiBaseUrl: pd.url,
      eventsBaseUrl: pd.url,
    });
    try {
      let shift: any;
      for (let i = 0; i < 50; i++) {
        const res = await request(backend.server)
          .get('/api/integrated-ops/lookup')
          .query({ q: '10.20.3.14' });
        shift = res.body.matches?.[0]?.answer?.owners.secops.onCall[0];
        if (shift?.source === 'pagerduty') break;
        await new Promise(r => setTimeout(r, 200));
      }
      expect(shift).toMatchObject({
        rotation: 'primary',
        source: 'pagerduty',
        person: { ref: 'user:default/amara.obi', name: 'Amara Obi' },
      });

      const res = await request(backend.server)
        .post('/api/integrated-ops/alerts/alertmanager')
        .set(
          'Authorization',
          mockCredentials.service.header({
            onBehalfOf: mockCredentials.service('alertmanager'),
            targetPluginId: 'integrated-ops',
          }),
        )
        .send({
          labels: {
            instance: '10.20.3.14:8443',
            category: 'security',
            severity: 'critical',
          },
          annotations: { summary: 'Credential stuffing on fraud scoring' },
        });
      expect(res.status).toBe(200);
      expect(res.body.results[0]).toMatchObject({
        team: 'group:default/soc-tier1',
        onCall: ['user:default/amara.obi'],
        forwarded: [
          expect.stringMatching(/^PagerDuty Events API: trigger success/),
        ],
      });
      expect(pd.state.events).toEqual([
        expect.objectContaining({
          routing_key: 'R0UTINGKEYSOC000000000000000001',
          event_action: 'trigger',
          payload: expect.objectContaining({
            summary: 'Credential stuffing on fraud scoring',
            source: '10.20.3.14:8443',
            severity: 'critical',
          }),
        }),
      ]);
    } finally {
      await backend.stop();
    }
  });

  it("pages the team's PagerDuty service from an answer and shows who acknowledged it there", async () => {
    const backend = await start({
      token: 'pd-test-token',
      apiBaseUrl: pd.url,
      eventsBaseUrl: pd.url,
    });
    const as = mockCredentials.user.header('user:default/noah.kim');
    try {
      const sent = await request(backend.server)
        .post('/api/integrated-ops/pages')
        .set('Authorization', as)
        .send({
          entityRef: 'component:default/fraud-scoring-service',
          discipline: 'secops',
          query: '10.20.3.14',
          note: 'Credential stuffing from one ASN',
        });
      expect(sent.status).toBe(201);
      expect(sent.body).toMatchObject({
        team: 'group:default/soc-tier1',
        route: 'pagerduty',
        state: 'triggered',
        pagedBy: 'user:default/noah.kim',
        delivery: expect.stringContaining(
          'PagerDuty Events API: trigger success',
        ),
        canAcknowledge: false,
      });
      expect(pd.state.events).toEqual([
        expect.objectContaining({
          routing_key: 'R0UTINGKEYSOC000000000000000001',
          event_action: 'trigger',
          dedup_key: `integrated-ops-page-${sent.body.id}`,
          payload: expect.objectContaining({
            severity: 'critical',
            source: '10.20.3.14',
            custom_details: expect.objectContaining({
              paged_by: 'user:default/noah.kim',
              note: 'Credential stuffing from one ASN',
            }),
          }),
        }),
      ]);
      const read = () =>
        request(backend.server)
          .get(`/api/integrated-ops/pages/${sent.body.id}`)
          .set('Authorization', as);
      expect((await read()).body.state).toBe('triggered');

      // Amara acknowledges in PagerDuty; the portal reads it back.
      acknowledge(
        pd.state,
        `integrated-ops-page-${sent.body.id}`,
        { id: 'PAMARA', name: 'Amara Obi', email: 'amara.obi@bank.example' },
        '2026-03-04T02:20:00Z',
      );
      // Matched to the catalog user by the email PagerDuty gives.
      expect((await read()).body).toMatchObject({
        state: 'acknowledged',
        acknowledgedBy: 'user:default/amara.obi',
        acknowledgedAt: '2026-03-04T02:20:00.000Z',
      });
      // Acknowledged at the vendor: not here.
      const ack = await request(backend.server)
        .post(`/api/integrated-ops/pages/${sent.body.id}/acknowledge`)
        .set('Authorization', as);
      expect([ack.status, ack.body.error?.message]).toEqual([
        409,
        'This page went to pagerduty: acknowledge it there',
      ]);
    } finally {
      await backend.stop();
    }
  });

  it('stays out of the way when integratedOps.pagerduty is not configured', async () => {
    const backend = await start(undefined);
    await backend.stop();
  });

  it('refuses to start with the block but no token, saying what to set', async () => {
    await expect(start({ apiBaseUrl: pd.url })).rejects.toThrow(
      'integratedOps.pagerduty.token is not set',
    );
  });
});
