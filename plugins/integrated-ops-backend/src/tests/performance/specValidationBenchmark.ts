/*
 * What the spec's request validation costs a lookup over HTTP, side by side
 * in one run: the same handlers behind the generated router (openapi.yaml
 * judging each request, as the plugin serves them) and behind a plain
 * express router (what the plugin had before), with the same JSON parser.
 * The handlers answer a fixed body, so the difference is the validation.
 *
 *   ./portalw yarn workspace @integrated-ops/plugin-integrated-ops-backend bench:spec-validation
 *
 * BENCH_N (default 5000) requests of each kind, taken in turns.
 */
import {
  afterSpecValidation,
  specRouterOptions,
} from '@integrated-ops/plugin-integrated-ops-node';
import express from 'express';
import Router from 'express-promise-router';
import { AddressInfo } from 'net';
import { createOpenApiRouter, spec } from '../../schema/openapi';
import { KeepAliveHttp } from './keepAliveHttp';
import { formatMs, timeInterleaved, Timing } from './measure';

const N = Number(process.env.BENCH_N ?? 5000);
/** About the size of a best-match answer in brief. */
const ANSWER = JSON.stringify({
  matches: Array.from({ length: 20 }, (_, i) => ({
    entityRef: `component:default/service-${i}`,
    matchedBy: 'address',
    score: 0.9,
  })),
});
const BATCH = {
  queries: Array.from({ length: 1000 }, (_, i) => `10.20.${i % 250}.${i % 7}`),
  detail: 'best',
};

function handlers(router: express.Router) {
  router.get('/lookup', (_req, res) => {
    res.type('application/json').send(ANSWER);
  });
  router.post('/lookup/batch', (_req, res) => {
    res.type('application/json').send(ANSWER);
  });
  return router;
}

async function listen(router: express.Router) {
  const server = express().use(router).listen(0);
  await new Promise(resolve => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, client: new KeepAliveHttp(`http://127.0.0.1:${port}`) };
}

async function main() {
  // Exactly as the plugin builds its router (specRouterOptions: HEAD as GET,
  // plain queries, the JSON body kept past the validator).
  const options = specRouterOptions({ jsonLimit: '3mb' });
  const validated = await createOpenApiRouter({
    ...options,
    validatorOptions: {
      ...options.validatorOptions,
      ...JSON.parse(process.env.BENCH_VALIDATOR ?? '{}'),
    },
  });
  validated.use(...afterSpecValidation(spec));
  const plain = Router();
  plain.use(express.json({ limit: '3mb' }));
  const a = await listen(handlers(validated as unknown as express.Router));
  const b = await listen(handlers(plain));
  const get = (c: KeepAliveHttp) => () =>
    c.request('/lookup?q=10.20.3.14&detail=best');
  const batch = (c: KeepAliveHttp) => () =>
    c.request('/lookup/batch', { method: 'POST', json: BATCH });
  // Warm up both (JIT, the validator's compiled schemas).
  await timeInterleaved(500, {
    a: get(a.client),
    b: get(b.client),
    c: batch(a.client),
    d: batch(b.client),
  });
  const single = await timeInterleaved(N, {
    spec: get(a.client),
    plain: get(b.client),
  });
  const batches = await timeInterleaved(Math.ceil(N / 10), {
    spec: batch(a.client),
    plain: batch(b.client),
  });
  const row = (what: string, t: Record<'spec' | 'plain', Timing>) =>
    `| ${what} | ${formatMs(t.plain.p50)} | ${formatMs(
      t.spec.p50,
    )} | +${formatMs(t.spec.p50 - t.plain.p50)} | ${formatMs(
      t.plain.p99,
    )} | ${formatMs(t.spec.p99)} |`;
  console.log(
    [
      `| request | plain p50 | spec-validated p50 | validation costs | plain p99 | spec-validated p99 |`,
      `| --- | --- | --- | --- | --- | --- |`,
      row(`GET /lookup?q= (n=${single.spec.n})`, single),
      row(`POST /lookup/batch, 1,000 queries (n=${batches.spec.n})`, batches),
    ].join('\n'),
  );
  a.server.close();
  b.server.close();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
