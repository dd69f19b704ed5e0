import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import express from 'express';
import request from 'supertest';
import { afterSpecValidation, specRouterOptions } from './specRouterOptions';

const spec = {
  openapi: '3.1.0',
  info: { title: 'test', version: '1' },
  servers: [{ url: '/' }],
  paths: {
    '/notes': {
      get: {
        parameters: [{ name: 'q', in: 'query', schema: { type: 'string' } }],
        responses: { '200': { description: 'ok' } },
      },
      post: {
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['text'],
                properties: { text: { type: 'string', maxLength: 5000 } },
              },
            },
          },
        },
        responses: { '200': { description: 'ok' } },
      },
    },
  },
} as const;

async function app() {
  const router = await createValidatedOpenApiRouter(
    spec,
    specRouterOptions({ jsonLimit: '1kb' }),
  );
  router.use(...afterSpecValidation(spec));
  router.get('/notes', (_req, res) => {
    res.json({ ok: true });
  });
  router.post('/notes', (_req, res) => {
    res.json({ ok: true });
  });
  return express()
    .use(router)
    .use(
      (
        error: any,
        _req: express.Request,
        res: express.Response,
        _next: express.NextFunction,
      ) => {
        res
          .status(error.statusCode ?? error.status ?? 400)
          .json({ name: error.name, message: error.message });
      },
    );
}

describe('specRouterOptions', () => {
  it('refuses a query parameter with a control character, naming it', async () => {
    const server = await app();
    const res = await request(server).get('/notes?q=web%00');
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(
      'q: must not contain control characters (found U+0000 at 3)',
    );
    const ok = await request(server).get('/notes?q=web');
    expect(ok.body).toEqual({ ok: true });
  });

  it('answers a body over the limit with 413, not with the spec’s 400', async () => {
    const res = await request(await app())
      .post('/notes')
      .send({ text: 'x'.repeat(2000) });
    expect(res.status).toBe(413);
  });

  it('answers a body that is not JSON with the parser’s 400, and a good one passes', async () => {
    const server = await app();
    const broken = await request(server)
      .post('/notes')
      .set('Content-Type', 'application/json')
      .send('{"text": ');
    expect(broken.status).toBe(400);
    expect(broken.body.message).not.toContain('text: is required');
    const ok = await request(server).post('/notes').send({ text: 'fine' });
    expect(ok.body).toEqual({ ok: true });
  });
});
