import { createServer, request } from 'node:http';
import { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { Request } from 'express';
import { readStreamedJson } from './streamedJsonBody';

/** Where readStreamedJson ends for a body the client stops sending half way, plain or gzip. */
async function abortedHalfway(encoding?: 'gzip') {
  let settled!: (outcome: string) => void;
  const outcome = new Promise<string>(resolve => (settled = resolve));
  const server = createServer((req, res) => {
    readStreamedJson(req as Request, 10_000_000).then(
      () => settled('read'),
      error => settled(`refused ${error.statusCode}: ${error.message}`),
    );
    res.on('close', () => res.end());
  }).listen(0);
  const { port } = server.address() as AddressInfo;
  const json = Buffer.from(
    JSON.stringify({ results: Array.from({ length: 20_000 }, (_, i) => i) }),
  );
  const body = encoding ? gzipSync(json) : json;
  const client = request({
    port,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'content-length': body.length,
      ...(encoding ? { 'content-encoding': encoding } : {}),
    },
  });
  client.on('error', () => {});
  client.write(body.subarray(0, Math.floor(body.length / 2)));
  setTimeout(() => client.destroy(), 100);
  try {
    return await outcome;
  } finally {
    server.close();
  }
}

describe('readStreamedJson', () => {
  it('ends, refusing, when the client stops half way - plain or compressed (nothing left waiting or held)', async () => {
    for (const encoding of [undefined, 'gzip'] as const) {
      expect(await abortedHalfway(encoding)).toMatch(/^refused 400: /);
    }
  });

  it('refuses nesting deeper than it reads, before building it', async () => {
    const server = createServer((req, res) => {
      readStreamedJson(req as Request, 10_000_000, 64).then(
        () => res.end('read'),
        error => res.end(`refused ${error.statusCode}: ${error.message}`),
      );
    }).listen(0);
    const { port } = server.address() as AddressInfo;
    try {
      const send = async (body: string) =>
        (
          await fetch(`http://127.0.0.1:${port}/`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
          })
        ).text();
      expect(await send(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toBe(
        'refused 400: the body nests deeper than 64 levels (too-deep)',
      );
      expect(await send(`${'['.repeat(64)}${']'.repeat(64)}`)).toBe('read');
    } finally {
      server.close();
    }
  });
});
