import { ForwardedError, InputError, NotFoundError } from '@backstage/errors';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { safeErrorBodies } from './safeErrorBodies';

function app(hide: boolean) {
  const middleware = MiddlewareFactory.create({
    config: mockServices.rootConfig(),
    logger: mockServices.logger.mock(),
  });
  const a = express();
  if (hide) a.use(safeErrorBodies());
  a.get('/bad', () => {
    throw new InputError('ports: "ssh" is not a port');
  });
  a.get('/nested', () => {
    throw new ForwardedError(
      'lookup failed',
      new NotFoundError('no entity component:default/gone'),
    );
  });
  a.get('/git', () => {
    // What simple-git throws: the command line and the repository's path ride along.
    throw Object.assign(new Error('fatal: bad object'), {
      task: {
        commands: ['commit', '-m', 'x', '--git-dir', '/srv/portal/.data/git'],
      },
      path: '/srv/portal/.data/git/infrastructure.git',
    });
  });
  a.get('/ok', (_req, res) => {
    res.json({ items: [], stack: 'not an error body' });
  });
  // Other plugins' error formats (MCP's JSON-RPC, OAuth) are not Backstage's.
  a.get('/json-rpc', (_req, res) => {
    res.status(500).json({
      jsonrpc: '2.0',
      error: { code: -32603, message: 'Internal error' },
      id: 7,
    });
  });
  a.get('/oauth', (_req, res) => {
    res.status(400).json({
      error: 'invalid_request',
      error_description: 'redirect_uri is missing',
    });
  });
  a.use(middleware.error({ showStackTraces: true }));
  return a;
}

describe('safeErrorBodies', () => {
  it('keeps what went wrong and drops where, nested causes included', async () => {
    const bad = await request(app(true)).get('/bad');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toEqual({
      name: 'InputError',
      message: 'ports: "ssh" is not a port',
    });
    const nested = await request(app(true)).get('/nested');
    expect(nested.status).toBe(404);
    expect(nested.body.error.cause).toEqual({
      name: 'NotFoundError',
      message: 'no entity component:default/gone',
    });
    expect(JSON.stringify(nested.body)).not.toMatch(/\.ts:\d+|node_modules/);
  });

  it('sends only name and message of an error, never its other properties', async () => {
    const git = await request(app(true)).get('/git');
    expect(git.status).toBe(500);
    expect(git.body).toEqual({
      error: { name: 'Error', message: 'fatal: bad object' },
      request: { method: 'GET', url: '/git' },
      response: { statusCode: 500 },
    });
    // Where it is not installed (development), Backstage sends them all.
    expect(
      JSON.stringify((await request(app(false)).get('/git')).body),
    ).toContain('/srv/portal');
  });

  it("leaves other formats' error fields alone (JSON-RPC, OAuth)", async () => {
    expect((await request(app(true)).get('/json-rpc')).body).toEqual({
      jsonrpc: '2.0',
      error: { code: -32603, message: 'Internal error' },
      id: 7,
    });
    expect((await request(app(true)).get('/oauth')).body).toEqual({
      error: 'invalid_request',
      error_description: 'redirect_uri is missing',
    });
  });

  it('leaves other bodies alone, and stacks where it is not installed', async () => {
    expect((await request(app(true)).get('/ok')).body).toEqual({
      items: [],
      stack: 'not an error body',
    });
    expect((await request(app(false)).get('/bad')).body.error.stack).toMatch(
      /InputError/,
    );
  });
});
