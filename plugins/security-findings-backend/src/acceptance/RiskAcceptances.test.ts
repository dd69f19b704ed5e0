import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import {
  commonFixture,
  startFindingsPortal,
} from '../__testUtils__/findingsPortal';
import { BreachNotifier } from '../breaches/BreachNotifier';
import { entityPath } from '../plugin';
import { RiskAcceptances } from './RiskAcceptances';
import { DEFAULT_SLA_POLICY } from '@integrated-ops/plugin-security-findings-common';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const DAY = 86_400_000;
const PAYMENTS = 'component:default/payments-api';
const reporter = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('ci-scanner'),
  targetPluginId: 'security-findings',
});

describe.each(databases.eachSupportedId())('risk acceptances on %p', id => {
  let knex: Knex;
  let portal: Awaited<ReturnType<typeof startFindingsPortal>>;
  let clock = new Date();
  const acceptances = () =>
    new RiskAcceptances({
      db: knex,
      logger: mockServices.logger.mock(),
      now: () => clock,
    });
  const finding = async (findingId: string) =>
    (
      await request(portal.server)
        .get(`/api/security-findings/findings/${findingId}`)
        .query({ entity: PAYMENTS })
        .set('Authorization', mockCredentials.user.header())
    ).body;

  const postTrivy = async () => {
    const res = await request(portal.server)
      .post('/api/security-findings/reports')
      .query({ entity: PAYMENTS, tool: 'trivy', format: 'sarif' })
      .set('Authorization', reporter)
      .send(JSON.parse(commonFixture('trivy-alpine-310.sarif')));
    if (res.status !== 200) throw new Error(`report refused: ${res.text}`);
  };

  beforeAll(async () => {
    knex = await databases.init(id);
    portal = await startFindingsPortal(knex);
    await postTrivy();
  });
  afterAll(() => portal.stop());

  it('accepts only an applied request for a finding of that component, once', async () => {
    const [first] = await knex('security_findings').orderBy('id').pluck('id');
    const dueBefore = (await finding(String(first))).dueAt;
    clock = new Date();
    const until = new Date(clock.getTime() + 10 * DAY).toISOString();
    const change = {
      request: 'cr-1',
      entityRef: PAYMENTS,
      finding: String(first),
      until,
      appliedAt: clock.toISOString(),
    };
    // Pending or another component's: nothing is accepted.
    await acceptances().apply([
      { ...change, state: 'pending' },
      {
        ...change,
        state: 'applied',
        entityRef: 'component:default/vault-core',
      },
      { ...change, state: 'applied', finding: '1 OR 1=1' },
    ]);
    expect((await finding(String(first))).acceptance).toBeUndefined();

    await acceptances().apply([{ ...change, state: 'applied' }]);
    expect((await finding(String(first))).acceptance).toEqual({
      until,
      request: 'cr-1',
      since: clock.toISOString(),
    });
    // Announced again (a snapshot) or by another request: unchanged.
    await acceptances().apply([
      { ...change, state: 'applied' },
      { ...change, request: 'cr-2', state: 'applied' },
    ]);
    expect((await finding(String(first))).acceptance.request).toBe('cr-1');
    const list = await request(portal.server)
      .get('/api/security-findings/findings')
      .query({ entity: PAYMENTS })
      .set('Authorization', mockCredentials.user.header());
    expect(list.body.summary.accepted).toBe(1);
    // Accepted ones come last.
    expect(list.body.items.at(-1).id).toBe(String(first));

    // Past its due date meanwhile: not told while accepted.
    const told = await new BreachNotifier({
      db: knex,
      notifications: { send: jest.fn() },
      onCall: async () => [],
      sla: DEFAULT_SLA_POLICY,
      logger: mockServices.logger.mock(),
      entityPath,
      graceMinutes: 5,
      now: () => new Date(Date.parse(dueBefore) + DAY),
    }).run();
    expect(told.notified).toBe(3);

    // Its date passes: the clock restarts where it stopped (10 days later).
    clock = new Date(Date.parse(until) + 1000);
    expect(await acceptances().endExpired()).toBe(1);
    const after = await finding(String(first));
    expect(after.acceptance).toBeUndefined();
    expect(Date.parse(after.dueAt) - Date.parse(dueBefore)).toBe(10 * DAY);
    expect(await acceptances().endExpired()).toBe(0);

    // The next scan keeps the restarted clock.
    await postTrivy();
    expect((await finding(String(first))).dueAt).toBe(after.dueAt);
    // Announced again (ops-requests' snapshot at start): it ended, it
    // accepts nothing any more.
    clock = new Date();
    await acceptances().apply([
      {
        ...change,
        state: 'applied',
        until: new Date(clock.getTime() + DAY).toISOString(),
      },
    ]);
    expect((await finding(String(first))).acceptance).toBeUndefined();
  });

  it('ends when a scan finds the finding worse than it was accepted', async () => {
    const [, , third] = await knex('security_findings')
      .orderBy('id')
      .pluck('id');
    clock = new Date();
    await knex('security_findings')
      .where({ id: third })
      .update({ severity: 'low' });
    await acceptances().apply([
      {
        request: 'cr-9',
        entityRef: PAYMENTS,
        finding: String(third),
        state: 'applied',
        until: new Date(clock.getTime() + 100 * DAY).toISOString(),
      },
    ]);
    expect((await finding(String(third))).acceptance.request).toBe('cr-9');
    // Medium now, as Trivy rates it: more than what was accepted.
    await postTrivy();
    const after = await finding(String(third));
    expect(after.severity).toBe('medium');
    expect(after.acceptance).toBeUndefined();
  });

  it('ends when the request is revoked, counting only the time it held', async () => {
    const [, second] = await knex('security_findings')
      .orderBy('id')
      .pluck('id');
    const dueBefore = (await finding(String(second))).dueAt;
    clock = new Date();
    const change = {
      request: 'cr-3',
      entityRef: PAYMENTS,
      finding: String(second),
      until: new Date(clock.getTime() + 30 * DAY).toISOString(),
      appliedAt: clock.toISOString(),
    };
    await acceptances().apply([{ ...change, state: 'applied' }]);
    clock = new Date(clock.getTime() + 2 * DAY);
    await acceptances().apply([{ ...change, state: 'revoked' }]);
    const after = await finding(String(second));
    expect(after.acceptance).toBeUndefined();
    expect(Date.parse(after.dueAt) - Date.parse(dueBefore)).toBe(2 * DAY);
  });

  it('answers one finding only for its own component, and 404 alike otherwise', async () => {
    const [first] = await knex('security_findings').orderBy('id').pluck('id');
    const other = await request(portal.server)
      .get(`/api/security-findings/findings/${first}`)
      .query({ entity: 'component:default/orphan-batch' })
      .set('Authorization', mockCredentials.user.header());
    expect(other.status).toBe(404);
    const hidden = await request(portal.server)
      .get(`/api/security-findings/findings/${first}`)
      .query({ entity: 'component:default/vault-core' })
      .set('Authorization', mockCredentials.user.header());
    expect(hidden.status).toBe(404);
    const bad = await request(portal.server)
      .get('/api/security-findings/findings/1%20OR%201=1')
      .query({ entity: PAYMENTS })
      .set('Authorization', mockCredentials.user.header());
    expect(bad.status).toBe(400);
  });
});
