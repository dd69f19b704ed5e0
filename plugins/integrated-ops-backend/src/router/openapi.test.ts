/*
 * Contract test: the routes the router serves are the ones openapi.yaml
 * describes, and real responses validate against its schemas.
 */
import { mockServices } from '@backstage/backend-test-utils';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'fs';
import { resolve } from 'path';
import { servedRoutes } from '@integrated-ops/plugin-integrated-ops-node';
import request from 'supertest';
import { parse } from 'yaml';
import { OwnershipIndexService } from '../service/OwnershipIndexService';
import { createRouter } from './createRouter';
import { asAlertmanager, asUser, testApp } from '../__testUtils__/testApp';
import { busySegmentCatalog } from '../__testUtils__/testCatalog';

const spec = parse(
  readFileSync(resolve(__dirname, '../schema/openapi.yaml'), 'utf8'),
);
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
ajv.addSchema({ components: spec.components }, 'openapi');
const validatorFor = (name: string) =>
  ajv.getSchema(`openapi#/components/schemas/${name}`)!;

const app = testApp;

describe('openapi.yaml', () => {
  it('describes exactly the routes the router serves', async () => {
    const router: any = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
      indexService: {} as OwnershipIndexService,
      alerts: {} as any,
      history: {} as any,
      lookupOutcomes: {} as any,
      paging: {} as any,
      incidents: {} as any,
    });
    const served = [
      ...new Set(servedRoutes(router).map(route => route.split(' ')[1])),
    ].sort();
    expect(Object.keys(spec.paths).sort()).toEqual(served);
    // and the schemas do reject what they should
    expect(validatorFor('LookupResponse')({ query: {}, matches: [{}] })).toBe(
      false,
    );
  });

  it.each([
    ['/lookup', { q: '10.20.1.10' }, 'LookupResponse'],
    ['/lookup', { q: 'nothing-matches' }, 'LookupResponse'],
    ['/lookup', { q: '10.20.1.10', detail: 'full' }, 'LookupResponse'],
    ['/blast-radius', { entity: 'kafka', depth: 3 }, 'BlastRadiusResponse'],
    ['/coverage', {}, 'CoverageResponse'],
    ['/index-status', {}, 'IndexStatus'],
    ['/teams/on-call', { team: 'soc-t1' }, 'TeamOnCallResponse'],
    ['/teams/on-call', { team: 'no-such-team' }, 'Error'],
    ['/lookup', {}, 'Error'],
    [
      '/lookup',
      { q: '10.20.1.10', asOf: '2026-01-07T11:30:00Z' },
      'LookupResponse',
    ],
    ['/history', { entity: 'component:default/gateway' }, 'OwnershipTimeline'],
  ])('GET %s %j matches %s', async (path, query, schema) => {
    const res = await request(await app())
      .get(path)
      .query(query)
      .set(asUser);
    const validate = validatorFor(schema);
    expect(validate(res.body) ? [] : validate.errors).toEqual([]);
  });
});

describe('openapi.yaml, POST', () => {
  it('a page and its read-back match Page', async () => {
    const served = await app();
    const validate = validatorFor('Page');
    const sent = await request(served)
      .post('/pages')
      .set(asUser)
      .send({ entityRef: 'component:default/gateway', discipline: 'netops' });
    expect(sent.status).toBe(201);
    const read = await request(served)
      .get(`/pages/${sent.body.id}`)
      .set(asUser);
    for (const body of [sent.body, read.body]) {
      expect(validate(body) ? [] : validate.errors).toEqual([]);
    }
  });

  it('an incident an alert opened, and the response figures, match Incident and ResponseKpis', async () => {
    const served = await app({ alertNotifications: [] });
    const routed = await request(served)
      .post('/alerts/alertmanager')
      .set(asAlertmanager)
      .send({
        labels: {
          alertname: 'GatewayDown',
          backstage_entity: 'component:default/gateway',
        },
      });
    const id = routed.body.results[0].incident;
    expect(id).toMatch(/^\d+$/);
    const incident = await request(served).get(`/incidents/${id}`).set(asUser);
    const kpis = await request(served)
      .get('/incidents/response')
      .query({ days: 7 })
      .set(asUser);
    expect(kpis.body.incidents).toBe(1);
    for (const [body, schema] of [
      [incident.body, 'Incident'],
      [kpis.body, 'ResponseKpis'],
    ]) {
      const validate = validatorFor(schema);
      expect(validate(body) ? [] : validate.errors).toEqual([]);
    }
  });

  it('a batch answer matches LookupBatchResponse', async () => {
    const res = await request(await app())
      .post('/lookup/batch')
      .set(asUser)
      .send({ queries: ['10.20.1.10', 'gateway', 'nothing'], detail: 'full' });
    const validate = validatorFor('LookupBatchResponse');
    expect(validate(res.body) ? [] : validate.errors).toEqual([]);
  });

  it('a batch cut short by its answer budget matches LookupBatchResponse', async () => {
    const res = await request(await app({ catalog: busySegmentCatalog(300) }))
      .post('/lookup/batch')
      .set(asUser)
      .send({ queries: Array(1000).fill('10.20.1.77') });
    expect(res.body.truncated).toBe(true);
    const validate = validatorFor('LookupBatchResponse');
    expect(validate(res.body) ? [] : validate.errors).toEqual([]);
  });
});
