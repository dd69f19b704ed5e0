/*
 * The client generated from openapi.yaml (ops-requests-common), against the
 * real router: what the frontend and the scaffolder actions call.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import { bearerFetchApi } from '@integrated-ops/plugin-integrated-ops-common';
import { OpsRequestsApiClient } from '@integrated-ops/plugin-ops-requests-common';
import { AddressInfo } from 'net';
import { startRequestsPortal } from '../__testUtils__/requestsPortal';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const TOM = 'user:default/tom'; // netops-edge, the requester
const ANA = 'user:default/ana'; // netops-edge

const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const intent = {
  kind: 'network-access' as const,
  source: 'component:default/web',
  destination: 'component:default/gateway',
  ports: '443/tcp',
  justification: 'Batch reconciliation reads the gateway API',
  expiresAt: inDays(30),
};

describe('OpsRequestsApiClient against the router', () => {
  let portal: Awaited<ReturnType<typeof startRequestsPortal>>;
  let baseUrl: string;
  const as = (userRef?: string) =>
    new OpsRequestsApiClient({
      discoveryApi: { getBaseUrl: async id => `${baseUrl}/api/${id}` },
      fetchApi: userRef
        ? bearerFetchApi(async () => mockCredentials.user.token(userRef))
        : undefined,
    });

  beforeAll(async () => {
    portal = await startRequestsPortal(await databases.init('SQLITE_3'));
    const { port } = portal.server.address() as AddressInfo;
    baseUrl = `http://localhost:${port}`;
  });
  afterAll(() => portal.stop());

  it('previews, files, lists, reads and approves a request', async () => {
    const plan = await as(TOM).previewRequest(intent);
    expect(plan.policy.passed).toBe(true);
    expect(plan.approvers.netops).toBe('group:default/netops-edge');

    const created = await as(TOM).createRequest(intent);
    expect(created.state).toBe('pending');
    expect(created.title).toBe(plan.title);

    const { items } = await as(TOM).listRequests({ view: 'mine' });
    expect(items.map(r => r.id)).toContain(created.id);

    const detail = await as(ANA).getRequest(created.id);
    expect(detail.canDecide).toBe(true);
    expect(detail.audit.map(a => a.action)).toContain('created');

    const approved = await as(ANA).approveRequest(created.id, {
      comment: 'ok',
    });
    expect(approved.approvals).toContainEqual(
      expect.objectContaining({ decidedBy: ANA, comment: 'ok' }),
    );
  });

  it('answers the calendar, and the KPIs and calendar as files', async () => {
    const calendar = await as(TOM).calendar({});
    expect(Array.isArray(calendar.entries)).toBe(true);
    const kpis = await as(TOM).kpis({ team: 'netops-edge' });
    expect(kpis.scope).toEqual({ team: 'group:default/netops-edge' });
    const csv = await as(TOM).kpisCsv({ team: 'netops-edge' });
    expect(csv.type).toContain('text/csv');
    expect(await csv.text()).toMatch(/^section,key,metric,value\n/);
    const ics = await as(TOM).calendarIcs({});
    expect(await ics.text()).toContain('BEGIN:VCALENDAR');
  });

  it('answers the re-certification report to a user who may read requests and to a fact reader plugin, not to any other plugin', async () => {
    const asPlugin = (id: string) =>
      new OpsRequestsApiClient({
        discoveryApi: { getBaseUrl: async p => `${baseUrl}/api/${p}` },
        fetchApi: bearerFetchApi(async () =>
          mockCredentials.service.token({
            onBehalfOf: mockCredentials.service(`plugin:${id}`),
            targetPluginId: 'ops-requests',
          }),
        ),
      });
    const forUser = await as(TOM).recertifications();
    const forFacts = await asPlugin('tech-insights').recertifications();
    expect(forFacts).toEqual(forUser);
    const other = await asPlugin('catalog')
      .recertifications()
      .catch(e => e);
    expect(other).toBeInstanceOf(ResponseError);
    expect(other.response.status).toBe(403);
    expect(other.body.error.message).toBe(
      "plugin:catalog may not read every entity's figures (integratedOps.requests.factReaders)",
    );
  });

  it('rejects any other answer with the ResponseError callers handled before', async () => {
    const refused = await as(TOM)
      .rejectRequest('no-such-request', { justification: 'x' })
      .catch(e => e);
    expect(refused).toBeInstanceOf(ResponseError);
    expect(refused.response.status).toBe(400);
    expect(refused.body.error.name).toBe('InputError');

    const anonymous = await as()
      .listRequests({ view: 'all' })
      .catch(e => e);
    expect(anonymous).toBeInstanceOf(ResponseError);
    expect(anonymous.response.status).toBe(401);
    expect(anonymous.message).toMatch(/^Request failed with 401/);
  });
});
