import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import express from 'express';
import request from 'supertest';
import { SPEC_VALIDATOR_OPTIONS, specInputErrors } from './specInputErrors';

/** A spec with what the portal's specs use: limits, enums, own wording, a discriminated union. */
const spec = {
  openapi: '3.1.0',
  info: { title: 'test', version: '1' },
  servers: [{ url: '/' }],
  paths: {
    '/things': {
      get: {
        parameters: [
          {
            name: 'view',
            in: 'query',
            schema: { type: 'string', enum: ['mine', 'all'] },
          },
          {
            name: 'ref',
            in: 'query',
            allowReserved: true,
            schema: { type: 'string', maxLength: 10 },
          },
        ],
        responses: { '200': { description: 'ok' } },
      },
      post: {
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/Ask' },
            },
          },
        },
        responses: { '200': { description: 'ok' } },
      },
    },
    '/batch': {
      post: {
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  queries: {
                    type: 'array',
                    items: { type: 'string', maxLength: 5 },
                  },
                },
              },
            },
          },
        },
        responses: { '200': { description: 'ok' } },
      },
    },
  },
  components: {
    schemas: {
      Ask: {
        discriminator: { propertyName: 'kind' },
        oneOf: [
          {
            type: 'object',
            additionalProperties: false,
            required: ['kind', 'why'],
            properties: {
              kind: { type: 'string', enum: ['open'] },
              why: {
                type: 'string',
                minLength: 5,
                maxLength: 20,
                'x-messages': { required: 'is required: say why' },
              },
            },
          },
          {
            type: 'object',
            additionalProperties: false,
            required: ['kind'],
            properties: { kind: { type: 'string', enum: ['close'] } },
          },
        ],
      },
    },
  },
} as const;

async function app() {
  const router = await createValidatedOpenApiRouter(spec, {
    validatorOptions: SPEC_VALIDATOR_OPTIONS,
  });
  router.use(specInputErrors(spec));
  router.get('/things', (_req, res) => {
    res.json({ ok: true });
  });
  router.post('/things', (_req, res) => {
    res.json({ ok: true });
  });
  router.post('/batch', (_req, res) => {
    res.json({ ok: true });
  });
  return express()
    .use(router)
    .use(
      (
        error: Error,
        _req: express.Request,
        res: express.Response,
        _next: express.NextFunction,
      ) => {
        res.status(400).json({ name: error.name, message: error.message });
      },
    );
}

describe('specInputErrors', () => {
  it('names the field and what was sent, in the portal’s words', async () => {
    const server = await app();
    const long = await request(server)
      .post('/things')
      .send({ kind: 'open', why: 'x'.repeat(21) });
    expect(long.body).toEqual({
      name: 'InputError',
      message: 'why: must be at most 20 characters, got 21',
    });
    const missing = await request(server)
      .post('/things')
      .send({ kind: 'open' });
    expect(missing.body.message).toBe('why: is required: say why');
    const forged = await request(server)
      .post('/things')
      .send({ kind: 'open', why: 'because', policy: 'passed', approvers: [] });
    expect(forged.body.message).toBe(
      '(body): unknown fields "policy", "approvers"',
    );
    const kind = await request(server).post('/things').send({ kind: 'burn' });
    expect(kind.body.message).toBe('kind: must be one of "open", "close"');
    const noBody = await request(server).post('/things');
    expect(noBody.body.message).toBe(
      '(body): a JSON body is required (Content-Type: application/json)',
    );
  });

  it('names the first ten problems of a body that breaks the spec a thousand times, and counts the rest', async () => {
    const server = await app();
    const res = await request(server)
      .post('/batch')
      .send({ queries: Array.from({ length: 1000 }, () => 'too long') });
    const lines = res.body.message.split('; ');
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe('queries.0: must be at most 5 characters, got 8');
    expect(lines[10]).toBe('and 990 more problems');
  });

  it('words query parameters the same way and passes valid requests', async () => {
    const server = await app();
    const view = await request(server).get('/things?view=everything');
    expect(view.body.message).toBe('view: must be one of "mine", "all"');
    const unknown = await request(server).get('/things?sneaky=1');
    expect(unknown.body.message).toBe('sneaky: unknown query parameter');
    const ref = await request(server).get(
      `/things?ref=${'group:default/'.repeat(2)}`,
    );
    expect(ref.body.message).toBe('ref: must be at most 10 characters, got 28');
    const ok = await request(server).get('/things?view=all&ref=group:x/y');
    expect(ok.body).toEqual({ ok: true });
  });
});
