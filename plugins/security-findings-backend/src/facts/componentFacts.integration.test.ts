import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import {
  commonFixture,
  startFindingsPortal,
} from '../__testUtils__/findingsPortal';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const asPlugin = (id: string) =>
  mockCredentials.service.header({
    onBehalfOf: mockCredentials.service(`plugin:${id}`),
    targetPluginId: 'security-findings',
  });
const scanner = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('ci-scanner'),
  targetPluginId: 'security-findings',
});

describe.each(databases.eachSupportedId())(
  "every component's figures (GET /facts) on %p",
  databaseId => {
    let knex: Knex;
    let portal: Awaited<ReturnType<typeof startFindingsPortal>>;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      portal = await startFindingsPortal(knex);
    });
    afterAll(() => portal.stop());

    const facts = (auth: string) =>
      request(portal.server)
        .get('/api/security-findings/facts')
        .set('Authorization', auth);

    it('counts open and past-SLA findings per severity and discipline, accepted ones not past SLA', async () => {
      const posted = await request(portal.server)
        .post('/api/security-findings/reports')
        .query({
          entity: 'component:default/payments-api',
          tool: 'trivy',
          format: 'sarif',
        })
        .set('Authorization', scanner)
        .send(JSON.parse(commonFixture('trivy-alpine-310.sarif')));
      expect(posted.status).toBe(200);
      // Time passes for three of the four mediums; one of them has its risk accepted.
      const ids = (await knex('security_findings').orderBy('id').select('id'))
        .map(r => r.id)
        .slice(0, 3);
      await knex('security_findings')
        .whereIn('id', ids)
        .update({ due_at: '2026-01-01T00:00:00.000Z' });
      await knex('security_findings')
        .where('id', ids[0])
        .update({ accepted_request: 'cr-1', accepted_until: '2099-01-01' });

      const answer = await facts(asPlugin('tech-insights'));
      expect(answer.status).toBe(200);
      expect(answer.body.truncated).toBe(false);
      expect(answer.body.components).toEqual([
        {
          entityRef: 'component:default/payments-api',
          open: { critical: 0, high: 0, medium: 4, low: 0, info: 0 },
          pastSla: { critical: 0, high: 0, medium: 2, low: 0, info: 0 },
          pastSlaByDiscipline: { netops: 0, devops: 2, secops: 0 },
          lastReportAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        },
      ]);
    });

    it('answers only the plugins in factReaders, not users, other plugins or scanners', async () => {
      expect((await facts(asPlugin('catalog'))).status).toBe(403);
      expect((await facts(scanner)).status).toBe(403);
      expect(
        (await facts(mockCredentials.user.header('user:default/sam'))).status,
      ).toBe(403);
      // No token: the test backend's mock refuses with 403 (the running portal, 401).
      const anonymous = await request(portal.server).get(
        '/api/security-findings/facts',
      );
      expect([401, 403]).toContain(anonymous.status);
    });
  },
);
