import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { sampleRequest } from '../__testUtils__/sampleRequest';
import {
  DatabaseRequestStore,
  MIGRATIONS_DIR,
} from '../requests/DatabaseRequestStore';
import { GovernanceKpiService } from './GovernanceKpiService';
import { KpiStore } from './KpiStore';
import { kpisCsv } from './kpisCsv';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const PORTAL = 'ops-requests:portal';
const DC = 'group:default/netops-dc';
const EDGE = 'group:default/netops-edge';
const SOC = 'group:default/soc-t1';
const GATEWAY = 'component:default/gateway';
const WEB = 'component:default/web';
const CASES = 'resource:default/cases-db';

const catalog = catalogServiceMock({
  entities: [
    ['Component', 'gateway', 'edge'],
    ['Component', 'web', 'edge'],
    ['Resource', 'cases-db', 'fraud'],
  ].map(([kind, name, system]) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec: { system },
  })),
});

const minutesAfter = (iso: string, minutes: number) =>
  new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/**
 * March 2026 on a known data set, stored through the request store: two
 * applied requests (approved after 30/120 and 600 minutes), two pending (half
 * a day and 11 days old), one rejected, two break-glass (one confirmed, one
 * revoked unreviewed), one expired, one revoked grant, three policy refusals,
 * and one request of February that must not count.
 */
async function knownDataSet(store: DatabaseRequestStore) {
  const file = async (
    id: string,
    requestedAt: string,
    approvers: Record<string, string>,
    targets: string[],
    extra: object = {},
  ) =>
    store.create(
      sampleRequest({
        id,
        requestedAt,
        approvers,
        requiredApprovals: Object.keys(approvers) as any,
        targets,
        ...extra,
      }),
    );
  const approve = (id: string, discipline: string, at: string) =>
    store.approve({
      id,
      disciplines: [discipline as any],
      actor: 'user:default/x',
      at,
    });
  const move = (
    id: string,
    from: any[],
    to: any,
    action: string,
    actor: string,
    at: string,
  ) => store.transition({ id, from, to, action, actor, at });

  await file('r0', '2026-02-01T00:00:00.000Z', { netops: DC }, [GATEWAY]);
  await approve('r0', 'netops', '2026-02-01T00:05:00.000Z');

  const r1 = '2026-03-02T12:00:00.000Z';
  await file('r1', r1, { netops: DC, secops: SOC }, [GATEWAY]);
  await approve('r1', 'netops', minutesAfter(r1, 30));
  await approve('r1', 'secops', minutesAfter(r1, 120));
  await move(
    'r1',
    ['approved'],
    'applied',
    'applied',
    PORTAL,
    minutesAfter(r1, 121),
  );

  const r2 = '2026-03-03T00:00:00.000Z';
  await file('r2', r2, { netops: DC }, [CASES]);
  await approve('r2', 'netops', minutesAfter(r2, 600));
  await move(
    'r2',
    ['approved'],
    'applied',
    'applied',
    PORTAL,
    minutesAfter(r2, 601),
  );
  await move(
    'r2',
    ['applied'],
    'revoked',
    'revoked',
    PORTAL,
    '2026-03-10T00:00:00.000Z',
  );

  await file('r3', '2026-03-30T12:00:00.000Z', { netops: EDGE }, [WEB]);
  await file('r4', '2026-03-20T00:00:00.000Z', { netops: DC }, [GATEWAY]);

  await file('r5', '2026-03-05T00:00:00.000Z', { secops: SOC }, [GATEWAY]);
  await move(
    'r5',
    ['pending'],
    'rejected',
    'rejected',
    'user:default/lucas',
    '2026-03-05T01:00:00.000Z',
  );

  const breakGlass = {
    incident: 'INC-1',
    durationMinutes: 60,
    onCallFor: DC,
    reviewDueAt: '2026-03-08T00:00:00.000Z',
    notify: 'group:default/soc',
  };
  await file('r6', '2026-03-06T00:00:00.000Z', { netops: DC }, [CASES], {
    breakGlass,
  });
  await move(
    'r6',
    ['pending'],
    'post-review',
    'break-glass',
    'user:default/omar',
    '2026-03-06T00:00:00.000Z',
  );
  await store.note({
    id: 'r6',
    action: 'post-review-confirmed',
    actor: 'user:default/ana',
    at: '2026-03-06T02:00:00.000Z',
  });
  await file('r7', '2026-03-07T00:00:00.000Z', { netops: DC }, [CASES], {
    breakGlass,
  });
  await move(
    'r7',
    ['pending'],
    'post-review',
    'break-glass',
    'user:default/omar',
    '2026-03-07T00:00:00.000Z',
  );
  await move(
    'r7',
    ['post-review'],
    'revoked',
    'revoked',
    PORTAL,
    '2026-03-08T00:00:00.000Z',
  );

  await file('r8', '2026-03-01T00:00:00.000Z', { netops: EDGE }, [WEB]);
  await move(
    'r8',
    ['pending'],
    'expired',
    'expired',
    PORTAL,
    '2026-03-15T00:00:00.000Z',
  );

  for (const [rules, approvers, targets] of [
    [['cidr-breadth'], { netops: DC }, [GATEWAY]],
    [['cidr-breadth', 'ports-per-zone'], { netops: EDGE }, [WEB]],
    [['production-expiry'], { netops: DC }, [CASES]],
  ] as const) {
    await store.recordRefusal({
      at: '2026-03-12T00:00:00.000Z',
      requestedBy: 'user:default/guest',
      kind: 'network-access',
      targets: [...targets],
      approvers,
      rules: [...rules],
      policyVersion: 'p@1',
    });
  }
}

describe.each(databases.eachSupportedId())('governance KPIs on %p', id => {
  async function service() {
    const knex = await databases.init(id);
    await knex.migrate.latest({ directory: MIGRATIONS_DIR });
    const store = new DatabaseRequestStore(knex);
    await knownDataSet(store);
    return new GovernanceKpiService({
      store: new KpiStore(knex, store),
      catalog,
      auth: mockServices.auth(),
      recertifications: {
        report: async () => ({
          periodDays: 180,
          items: [
            {
              declaredOn: 'system:default/edge',
              discipline: 'netops',
              team: EDGE,
              entities: 2,
              state: 'confirmed',
            },
            {
              declaredOn: CASES,
              discipline: 'netops',
              team: DC,
              entities: 1,
              state: 'due',
            },
            {
              declaredOn: 'system:default/fraud',
              discipline: 'netops',
              team: DC,
              entities: 4,
              state: 'confirmed',
            },
          ],
        }),
      } as any,
      lookups: async (_c, from, to) => {
        expect([from, to]).toEqual(['2026-03-01', '2026-03-31']);
        return { noMatch: 4, noOwner: 2 };
      },
      now: () => new Date('2026-03-31T00:00:00.000Z'),
    });
  }
  const march = {
    from: '2026-03-01T00:00:00.000Z',
    to: '2026-03-31T00:00:00.000Z',
  };
  const user = mockCredentials.user();

  it('computes every figure for the whole portal', async () => {
    const kpis = await (await service()).kpis({}, march, user);
    expect(kpis.timeToApprove.byDiscipline).toEqual([
      { key: 'netops', approvals: 2, p50Minutes: 30, p90Minutes: 600 },
      { key: 'secops', approvals: 1, p50Minutes: 120, p90Minutes: 120 },
    ]);
    expect(kpis.timeToApprove.byTeam).toEqual([
      { key: DC, approvals: 2, p50Minutes: 30, p90Minutes: 600 },
      { key: SOC, approvals: 1, p50Minutes: 120, p90Minutes: 120 },
    ]);
    expect(kpis.pendingByAge).toEqual([
      { bucket: 'under 1 day', count: 1 },
      { bucket: '1-3 days', count: 0 },
      { bucket: '3-7 days', count: 0 },
      { bucket: 'over 7 days', count: 1 },
    ]);
    expect(kpis.refusals).toEqual({
      byRule: [
        { rule: 'cidr-breadth', count: 2 },
        { rule: 'ports-per-zone', count: 1 },
        { rule: 'production-expiry', count: 1 },
      ],
      rejectedByApprovers: 1,
    });
    expect(kpis.breakGlass).toEqual({
      uses: 2,
      confirmed: 1,
      revokedByOwners: 0,
      revokedUnreviewed: 1,
      awaitingReview: 0,
    });
    expect(kpis.grants).toEqual({ expired: 1, revoked: 2 });
    expect(kpis.recertification).toEqual({
      declarations: 3,
      confirmed: 2,
      percent: 66.7,
      byTeam: [
        { team: DC, declarations: 2, confirmed: 1, percent: 50 },
        { team: EDGE, declarations: 1, confirmed: 1, percent: 100 },
      ],
    });
    expect(kpis.lookupsWithoutOwner).toEqual({ noMatch: 4, noOwner: 2 });
  });

  it('narrows to a team and to a system', async () => {
    const svc = await service();
    const dc = await svc.kpis({ team: DC }, march, user);
    expect(dc.timeToApprove.byTeam).toEqual([
      { key: DC, approvals: 2, p50Minutes: 30, p90Minutes: 600 },
    ]);
    expect(dc.pendingByAge.find(p => p.bucket === 'over 7 days')!.count).toBe(
      1,
    );
    expect(dc.pendingByAge.find(p => p.bucket === 'under 1 day')!.count).toBe(
      0,
    );
    expect(dc.refusals.byRule).toEqual([
      { rule: 'cidr-breadth', count: 1 },
      { rule: 'production-expiry', count: 1 },
    ]);
    expect(dc.recertification.percent).toBe(50);

    const edge = await svc.kpis({ system: 'system:default/edge' }, march, user);
    // r1 (gateway) only: r3 and r4 are pending, r5 rejected.
    expect(edge.timeToApprove.byDiscipline.map(t => t.key)).toEqual([
      'netops',
      'secops',
    ]);
    expect(edge.pendingByAge.map(p => p.count)).toEqual([1, 0, 0, 1]);
    expect(edge.refusals.rejectedByApprovers).toBe(1);
    expect(edge.breakGlass.uses).toBe(0);
    expect(edge.grants).toEqual({ expired: 1, revoked: 0 });
    expect(edge.recertification).toMatchObject({
      declarations: 1,
      confirmed: 1,
    });
  });

  it('exports every figure as CSV', async () => {
    const csv = kpisCsv(
      await (await service()).kpis({ team: DC }, march, user),
    );
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('section,key,metric,value');
    expect(lines).toContain(
      'time-to-approve-by-team,group:default/netops-dc,p90-minutes,600',
    );
    expect(lines).toContain('policy-refusals,cidr-breadth,filings,1');
    expect(lines).toContain('break-glass,all,revokedUnreviewed,1');
    expect(lines).toContain('lookups-without-owner,portal,no-match,4');
  });
});
