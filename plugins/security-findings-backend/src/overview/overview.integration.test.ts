import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  commonFixture,
  startFindingsPortal,
} from '../__testUtils__/findingsPortal';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const reporter = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('ci-scanner'),
  targetPluginId: 'security-findings',
});

describe.each(databases.eachSupportedId())('the SecOps overview on %p', id => {
  it('counts by team and discipline what the reader may read, and lists what nobody could route', async () => {
    const portal = await startFindingsPortal(await databases.init(id));
    try {
      const post = (entity: string, fixture: string, format = 'sarif') =>
        request(portal.server)
          .post('/api/security-findings/reports')
          .query({ entity, tool: 'trivy', format })
          .set('Authorization', reporter)
          .send(JSON.parse(commonFixture(fixture)));
      const sarif = JSON.parse(commonFixture('trivy-alpine-310.sarif'));
      const old = new Date(Date.now() - 100 * 86_400_000).toISOString();
      for (const r of sarif.runs[0].results) {
        r.provenance = { firstDetectionTimeUtc: old };
      }
      expect(
        (
          await request(portal.server)
            .post('/api/security-findings/reports')
            .query({ entity: 'payments-api', tool: 'trivy', format: 'sarif' })
            .set('Authorization', reporter)
            .send(sarif)
        ).status,
      ).toBe(200);
      // vault-core: only sam may read it.
      expect(
        (await post('vault-core', 'grype-image.json', 'grype')).status,
      ).toBe(200);
      // Twice for a component the catalog does not have.
      expect(
        (await post('paymnets-api', 'trivy-alpine-310.sarif')).status,
      ).toBe(404);
      expect(
        (await post('paymnets-api', 'trivy-alpine-310.sarif')).status,
      ).toBe(404);

      const overview = async (user: string, team?: string) =>
        (
          await request(portal.server)
            .get('/api/security-findings/overview')
            .query(team ? { team } : {})
            .set('Authorization', mockCredentials.user.header(user))
        ).body;

      const guest = await overview('user:default/guest');
      expect(guest.byTeam).toEqual([
        {
          team: 'group:default/payments-sre',
          discipline: 'devops',
          components: 1,
          open: 4,
          critical: 0,
          breached: 4,
          dueThisWeek: 0,
          accepted: 0,
        },
      ]);
      expect(guest.worstComponents).toEqual([
        { entityRef: 'component:default/payments-api', breached: 4, open: 4 },
      ]);
      expect(guest.unrouted).toEqual([
        expect.objectContaining({
          label: 'paymnets-api',
          tool: 'trivy',
          reportedBy: 'ci-scanner',
          count: 2,
        }),
      ]);

      // sam also reads vault-core: its critical grype finding counts.
      const sam = await overview('user:default/sam');
      expect(
        sam.byTeam.map((t: any) => [t.components, t.open, t.critical]),
      ).toEqual([[2, 6, 1]]);

      // One team's rows only.
      expect(
        (await overview('user:default/guest', 'group:default/netops-edge'))
          .byTeam,
      ).toEqual([]);
      // KPIs: the four medium CVEs of payments-api open past SLA, one fixed
      // by a later report; vault-core's counted only for sam.
      const fixedOne = JSON.parse(commonFixture('trivy-alpine-310.sarif'));
      fixedOne.runs[0].results.pop();
      expect(
        (
          await request(portal.server)
            .post('/api/security-findings/reports')
            .query({ entity: 'payments-api', tool: 'trivy', format: 'sarif' })
            .set('Authorization', reporter)
            .send(fixedOne)
        ).body.fixed,
      ).toBe(1);
      const kpis = (
        await request(portal.server)
          .get('/api/security-findings/kpis')
          .set(
            'Authorization',
            mockCredentials.user.header('user:default/guest'),
          )
      ).body;
      expect(kpis.byTeam).toEqual([
        {
          team: 'group:default/payments-sre',
          discipline: 'devops',
          severity: 'medium',
          fixed: 1,
          medianHoursToFix: 2400,
          open: 3,
          pastSla: 4,
          breachRate: 1,
        },
      ]);
      expect(kpis.acceptedRisks).toEqual([]);
      const csv = await request(portal.server)
        .get('/api/security-findings/kpis')
        .query({ format: 'csv', days: 30 })
        .set(
          'Authorization',
          mockCredentials.user.header('user:default/guest'),
        );
      expect(csv.type).toBe('text/csv');
      expect(csv.text).toBe(
        'team,discipline,severity,fixed,median_hours_to_fix,open,past_sla,breach_rate\n' +
          'group:default/payments-sre,devops,medium,1,2400,3,4,1\n',
      );
    } finally {
      await portal.stop();
    }
  });
});
