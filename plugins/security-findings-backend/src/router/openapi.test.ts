/*
 * Contract test: the routes the router serves are exactly the ones
 * openapi.yaml describes, and real answers validate against its schemas.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'fs';
import { resolve } from 'path';
import request from 'supertest';
import {
  servedRoutes,
  specRoutes,
} from '@integrated-ops/plugin-integrated-ops-node';
import { parse } from 'yaml';
import {
  commonFixture,
  startFindingsPortal,
} from '../__testUtils__/findingsPortal';
import { createFindingsRouter } from './createFindingsRouter';

jest.setTimeout(60_000);

const spec = parse(
  readFileSync(resolve(__dirname, '../schema/openapi.yaml'), 'utf8'),
);
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
ajv.addSchema({ components: spec.components }, 'openapi');
const validatorFor = (name: string) =>
  ajv.getSchema(`openapi#/components/schemas/${name}`)!;

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('openapi.yaml', () => {
  it('describes exactly the routes the router serves', async () => {
    const router = await createFindingsRouter({
      httpAuth: {} as any,
      service: {} as any,
      overview: {} as any,
      kpis: {} as any,
      reporters: [],
      factReaders: [],
      facts: async () => ({
        generatedAt: '',
        truncated: false,
        components: [],
      }),
      maxReportMegabytes: 1,
    });
    expect(specRoutes(spec)).toEqual(servedRoutes(router));
  });

  it('POST /reports and GET /findings answer what the spec describes', async () => {
    const portal = await startFindingsPortal(await databases.init('SQLITE_3'));
    try {
      const posted = await request(portal.server)
        .post('/api/security-findings/reports')
        .query({
          entity: 'component:default/payments-api',
          tool: 'flawfinder',
          format: 'sarif',
        })
        .set(
          'Authorization',
          mockCredentials.service.header({
            onBehalfOf: mockCredentials.service('ci-scanner'),
            targetPluginId: 'security-findings',
          }),
        )
        .send(JSON.parse(commonFixture('flawfinder-login-c.sarif')));
      expect(posted.status).toBe(200);
      const outcome = validatorFor('ReportOutcome');
      expect(outcome(posted.body) || outcome.errors).toBe(true);

      const listed = await request(portal.server)
        .get('/api/security-findings/findings')
        .query({ entity: 'component:default/payments-api', limit: 2 })
        .set('Authorization', mockCredentials.user.header());
      expect(listed.status).toBe(200);
      expect(listed.body.items).toHaveLength(2);
      expect(listed.body.total).toBe(posted.body.findings);
      const list = validatorFor('FindingList');
      expect(list(listed.body) || list.errors).toBe(true);

      const one = await request(portal.server)
        .get(`/api/security-findings/findings/${listed.body.items[0].id}`)
        .query({ entity: 'component:default/payments-api' })
        .set('Authorization', mockCredentials.user.header());
      const finding = validatorFor('Finding');
      expect(finding(one.body) || finding.errors).toBe(true);

      const overview = await request(portal.server)
        .get('/api/security-findings/overview')
        .set('Authorization', mockCredentials.user.header());
      const shape = validatorFor('Overview');
      expect(shape(overview.body) || shape.errors).toBe(true);
    } finally {
      await portal.stop();
    }
  });
});
