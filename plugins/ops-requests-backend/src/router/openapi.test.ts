/*
 * Contract test: the routes the router serves are exactly the ones
 * openapi.yaml describes (a route served but not described, or described but
 * not served, fails here), and real answers validate against its schemas.
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
import { startRequestsPortal } from '../__testUtils__/requestsPortal';
import { createRequestsRouter } from './createRequestsRouter';

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
  it('describes exactly the routes the router serves, KPIs and calendar included', async () => {
    const router = await createRequestsRouter({
      httpAuth: {} as any,
      userInfo: {} as any,
      permissions: {} as any,
      permissionsRegistry: { getPermissionRuleset: () => ({}) } as any,
      service: {} as any,
      store: {} as any,
      kpis: {} as any,
      calendar: {} as any,
    });
    expect(specRoutes(spec)).toEqual(servedRoutes(router));
  });

  it('GET /kpis answers what GovernanceKpis describes', async () => {
    const portal = await startRequestsPortal(await databases.init('SQLITE_3'));
    try {
      const res = await request(portal.server)
        .get('/api/ops-requests/kpis')
        .set({
          Authorization: mockCredentials.user.header('user:default/raj'),
        });
      expect(res.status).toBe(200);
      const validate = validatorFor('GovernanceKpis');
      expect(validate(res.body) ? [] : validate.errors).toEqual([]);
      // and the schema refuses what it should
      expect(validate({ ...res.body, grants: {} })).toBe(false);
    } finally {
      await portal.stop();
    }
  });
});
