import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import express from 'express';
import request from 'supertest';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
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

async function app(streamedJson = false) {
  const router = await createValidatedOpenApiRouter(
    spec,
    specRouterOptions({ jsonLimit: '1kb', streamedJson }),
  );
  router.use(...afterSpecValidation(spec));
  router.get('/notes', (_req, res) => {
    res.json({ ok: true });
  });
  router.post('/notes', (req, res) => {
    res.json({ ok: true, text: req.body.text });
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
    expect(ok.body).toEqual({ ok: true, text: 'fine' });
  });
});

describe('specRouterOptions with streamed JSON bodies', () => {
  /** Sent as a scanner's curl sends it (supertest re-encodes Buffers as JSON). */
  const post = async (
    body: Buffer | string,
    headers: Record<string, string> = {},
  ) => {
    const server = (await app(true)).listen(0);
    try {
      const { port } = server.address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${port}/notes`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...Object.fromEntries(
            Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]),
          ),
        },
        body,
      });
      return { status: res.status, body: await res.json() };
    } finally {
      server.close();
    }
  };
  const note = (text: string) => JSON.stringify({ text });

  it('reads a body as sent, gzip, deflate or brotli', async () => {
    const json = note('naïve – ünïcode ✓');
    for (const [encoding, bytes] of [
      ['identity', Buffer.from(json)],
      ['gzip', gzipSync(json)],
      ['deflate', deflateSync(json)],
      ['br', brotliCompressSync(json)],
    ] as const) {
      expect(await post(bytes, { 'Content-Encoding': encoding })).toEqual({
        status: 200,
        body: { ok: true, text: 'naïve – ünïcode ✓' },
      });
    }
  });

  it('counts what a compressed body inflates to: a small gzip of a large body is a 413', async () => {
    const bomb = gzipSync(note('x'.repeat(100_000)));
    expect(bomb.length).toBeLessThan(1024);
    expect(await post(bomb, { 'Content-Encoding': 'gzip' })).toMatchObject({
      status: 413,
      body: { message: 'request entity too large' },
    });
    expect((await post(note('x'.repeat(2000)))).status).toBe(413);
  });

  it('refuses what is not one JSON object or array (400), another charset or encoding (415)', async () => {
    for (const bad of [
      '{"text": ',
      '{"text": "a"} {"text": "b"}',
      '"text"',
      '42',
      '{"text": "a",}',
    ]) {
      const res = await post(bad);
      expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
      expect(res.body.message).toMatch(/^the body is not JSON: /);
    }
    expect(
      await post(Buffer.from('not gzip'), { 'Content-Encoding': 'gzip' }),
    ).toMatchObject({
      status: 400,
      body: { message: expect.stringMatching(/^the body does not inflate/) },
    });
    // UTF-8, named or not, is read; another charset is refused (415).
    expect(
      await post(note('a'), {
        'Content-Type': 'application/json; charset=UTF-8',
      }),
    ).toEqual({ status: 200, body: { ok: true, text: 'a' } });
    expect(
      await post(note('a'), {
        'Content-Type': 'application/json; charset=latin1',
      }),
    ).toMatchObject({
      status: 415,
      body: { message: 'unsupported charset "LATIN1"' },
    });
    expect(await post(note('a'), { 'Content-Encoding': 'zstd' })).toMatchObject(
      { status: 415, body: { message: 'unsupported content encoding "zstd"' } },
    );
  });

  it('judges an empty body as {} by the spec, and a body that breaks the spec by its fields', async () => {
    const empty = await post('');
    expect(empty.status).toBe(400);
    expect(empty.body.message).toContain('text');
    const wrong = await post(JSON.stringify({ text: 5 }));
    expect(wrong.status).toBe(400);
  });
});
