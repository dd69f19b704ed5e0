/*
 * Least privilege for service callers, with Backstage's real authentication,
 * HTTP auth, router, permissions and actions registry (not the test mocks):
 * external-access static tokens as app-config's backend.auth.externalAccess
 * configures them. Alertmanager's token may post alerts and nothing else -
 * restricted the Backstage way (accessRestrictions to the
 * integrated-ops.alert.create permission: every lookup route authorizes a
 * permission, so it is denied) and also when its entry names only the plugin
 * (integratedOps.alerts.senders may call the alert route only). A service
 * token restricted to the lookup permissions reads lookups but not coverage,
 * and may not post alerts.
 */
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { httpRouterServiceFactory } from '@backstage/backend-defaults/httpRouter';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { permissionsRegistryServiceFactory } from '@backstage/backend-defaults/permissionsRegistry';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import request from 'supertest';
import { databasePerPlugin } from './__testUtils__/databasePerPlugin';
import { testCatalog } from './__testUtils__/testCatalog';
import { integratedOpsPlugin } from './plugin';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const TOKENS = {
  /** Alertmanager, restricted to the alert permission (app-config.production.yaml). */
  alertmanager: 'alertmanager-token-restricted-5e1f',
  /** Alertmanager, restricted to the plugin only (as e2e/app-config.e2e.yaml has it). */
  alertmanagerPluginOnly: 'alertmanager-token-plugin-only-9a2c',
  /** A dashboard that may look owners up, and nothing else. */
  dashboard: 'dashboard-token-lookups-only-3b7d',
};

/** The test catalog as the catalog service serves it. */
function catalogFactory() {
  const catalog = catalogServiceMock({ entities: testCatalog });
  const byRef = new Map(
    testCatalog.map(e => [stringifyEntityRef(e).toLocaleLowerCase('en-US'), e]),
  );
  catalog.getEntitiesByRefs = async ({ entityRefs }) => ({
    items: entityRefs.map(ref => byRef.get(ref.toLocaleLowerCase('en-US'))),
  });
  catalog.streamEntities = async function* streamEntities() {
    yield [...byRef.values()];
  };
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => catalog,
  });
}

const sent: unknown[] = [];

type Server = Parameters<typeof request>[0];
let server: Server;
let stop: () => Promise<void>;

beforeAll(async () => {
  const backend = await startTestBackend({
    features: [
      integratedOpsPlugin,
      authServiceFactory,
      httpAuthServiceFactory,
      httpRouterServiceFactory,
      permissionsServiceFactory,
      permissionsRegistryServiceFactory,
      actionsRegistryServiceFactory,
      // the real scheduler: it runs the index's first build at startup
      schedulerServiceFactory,
      databasePerPlugin(databases),
      catalogFactory(),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async (n: unknown) => void sent.push(n) }),
      }),
      mockServices.rootConfig.factory({
        data: {
          backend: {
            auth: {
              externalAccess: [
                {
                  type: 'static',
                  options: {
                    token: TOKENS.alertmanager,
                    subject: 'alertmanager',
                  },
                  accessRestrictions: [
                    {
                      plugin: 'integrated-ops',
                      permission: 'integrated-ops.alert.create',
                    },
                  ],
                },
                {
                  type: 'static',
                  options: {
                    token: TOKENS.alertmanagerPluginOnly,
                    subject: 'alertmanager',
                  },
                  accessRestrictions: [{ plugin: 'integrated-ops' }],
                },
                {
                  type: 'static',
                  options: {
                    token: TOKENS.dashboard,
                    subject: 'ops-dashboard',
                  },
                  accessRestrictions: [
                    {
                      plugin: 'integrated-ops',
                      permission: [
                        'integrated-ops.lookup.read',
                        'catalog.entity.read',
                      ],
                    },
                  ],
                },
              ],
            },
          },
          integratedOps: {
            alerts: { fallbackTeam: 'group:default/netops' },
          },
        },
      }),
    ],
  });
  server = backend.server;
  stop = () => backend.stop();
  // The index is built at startup; lookups answer 503 until then.
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await request(server)
      .get('/api/integrated-ops/lookup')
      .query({ q: 'gateway' })
      .set('Authorization', `Bearer ${TOKENS.dashboard}`);
    if (res.status === 200) break;
    if (Date.now() > deadline)
      throw new Error(`no index: ${res.status} ${res.text}`);
    await new Promise(r => setTimeout(r, 200));
  }
});

afterAll(async () => {
  await stop?.();
});

const api = '/api/integrated-ops';

/** Every route that reads owners, on-call people and their numbers, or coverage. */
const readRoutes: [string, string, object][] = [
  ['GET', '/lookup', { q: '10.20.1.10' }],
  ['POST', '/lookup/batch', { queries: ['10.20.1.10'] }],
  ['GET', '/blast-radius', { entity: 'kafka' }],
  ['GET', '/coverage', {}],
  ['GET', '/teams/on-call', { team: 'group:default/soc-t1' }],
  ['GET', '/index-status', {}],
  ['GET', '/history', { entity: 'component:default/gateway' }],
  ['GET', '/kpis/lookups', { from: '2026-01-01', to: '2026-01-02' }],
  ['GET', '/alerts/unrouted', {}],
];

function call(method: string, path: string, input: object, token: string) {
  const req =
    method === 'GET'
      ? request(server).get(`${api}${path}`).query(input)
      : request(server).post(`${api}${path}`).send(input);
  return req.set('Authorization', `Bearer ${token}`);
}

const alert = {
  labels: {
    alertname: 'TlsHandshakeFailures',
    instance: '10.20.1.10:8443',
    category: 'network',
  },
  annotations: { summary: 'TLS handshake failures' },
};

const invoke = (action: string, input: object, token: string) =>
  request(server)
    .post(
      `${api}/.backstage/actions/v1/actions/integrated-ops:${action}/invoke`,
    )
    .send(input)
    .set('Authorization', `Bearer ${token}`);

describe.each([
  ['restricted to integrated-ops.alert.create', TOKENS.alertmanager, 404],
  ['restricted to the plugin only', TOKENS.alertmanagerPluginOnly, 403],
])("Alertmanager's token, %s", (_how, token, actionStatus) => {
  it.each(readRoutes)('is refused %s %s', async (method, path, input) => {
    const res = await call(method, path, input, token);
    expect(res.status).toBe(403);
  });

  it('may post alerts', async () => {
    const res = await call('POST', '/alerts/alertmanager', alert, token);
    expect(res.status).toBe(200);
    expect(res.body.results[0]).toMatchObject({
      outcome: 'routed',
      entity: 'component:default/gateway',
      team: 'group:default/netops-edge',
    });
  });

  it('may not use the MCP actions', async () => {
    for (const [action, input] of [
      ['ops-lookup', { query: '10.20.1.10' }],
      ['ops-lookup-many', { queries: ['10.20.1.10'] }],
      ['ops-blast-radius', { entity: 'kafka' }],
    ] as const) {
      expect((await invoke(action, input, token)).status).toBe(actionStatus);
    }
  });
});

describe('a service token restricted to the lookup permissions', () => {
  it('looks owners up', async () => {
    const res = await call(
      'GET',
      '/lookup',
      { q: '10.20.1.10' },
      TOKENS.dashboard,
    );
    expect(res.status).toBe(200);
    expect(res.body.matches[0].entityRef).toBe('component:default/gateway');
    const mcp = await invoke(
      'ops-lookup',
      { query: '10.20.1.10' },
      TOKENS.dashboard,
    );
    expect(mcp.status).toBe(200);
  });

  it('may not read coverage or post alerts', async () => {
    expect((await call('GET', '/coverage', {}, TOKENS.dashboard)).status).toBe(
      403,
    );
    const res = await call(
      'POST',
      '/alerts/alertmanager',
      alert,
      TOKENS.dashboard,
    );
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'ops-dashboard may not post alerts (integratedOps.alerts.senders)',
    );
  });
});
