/*
 * Contract test: the routes the router serves are exactly the ones
 * openapi.yaml describes, and real answers validate against its schemas.
 */
import { mockServices } from '@backstage/backend-test-utils';
import {
  servedRoutes,
  specRoutes,
} from '@integrated-ops/plugin-integrated-ops-node';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'fs';
import { resolve } from 'path';
import { parse } from 'yaml';
import {
  modelReady,
  startConnectivityPortal,
} from '../__testUtils__/connectivityPortal';
import { ConnectivityService } from '../model/ConnectivityService';
import { createConnectivityRouter } from './createConnectivityRouter';

jest.setTimeout(30_000);

const spec = parse(
  readFileSync(resolve(__dirname, '../schema/openapi.yaml'), 'utf8'),
);
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
ajv.addSchema({ components: spec.components }, 'openapi');
const validatorFor = (name: string) =>
  ajv.getSchema(`openapi#/components/schemas/${name}`)!;

describe('openapi.yaml', () => {
  it('describes exactly the routes the router serves', async () => {
    const router = await createConnectivityRouter({
      httpAuth: {} as any,
      service: {} as any,
    });
    expect(specRoutes(spec)).toEqual(servedRoutes(router));
  });

  it('real answers validate against Reach and Connections', async () => {
    const portal = await startConnectivityPortal();
    try {
      await modelReady(portal.get);
      for (const [path, schema] of [
        ['/reach?from=payments-web&to=fraud-scoring&port=8443', 'Reach'],
        ['/reach?from=payments-web&to=fraud-scoring&port=22', 'Reach'],
        ['/reach?from=10.20.1.1&to=fraud-scoring&port=8443', 'Reach'],
        ['/inbound?to=fraud-scoring', 'Connections'],
        ['/outbound?from=payments-web', 'Connections'],
      ]) {
        const res = await portal.get(path);
        expect(res.status).toBe(200);
        const validate = validatorFor(schema);
        expect(validate(res.body) ? [] : validate.errors).toEqual([]);
        expect(validate({ ...res.body, extra: 1 })).toBe(false);
      }
      const bad = await portal.get('/reach?from=x&to=y&port=1');
      expect(bad.status).toBe(400);
      const validate = validatorFor('Error');
      expect(validate(bad.body)).toBe(true);
    } finally {
      await portal.stop();
    }
  });
});

describe('a main that cannot be read', () => {
  it('is a 422 naming why, never a silent "denied"', async () => {
    const service = new ConnectivityService({
      publisher: {
        provider: 'github',
        target: 'https://github.com/bank/infrastructure',
        filesOnMain: async () => null,
      } as any,
      catalog: {} as any,
      auth: {} as any,
      logger: mockServices.logger.mock(),
    });
    await service.rebuild();
    await expect(
      service.reach({ from: 'a', to: 'b', port: '443' }, {} as any),
    ).rejects.toMatchObject({
      statusCode: 422,
      message: expect.stringContaining('github change publisher'),
    });
  });
});
