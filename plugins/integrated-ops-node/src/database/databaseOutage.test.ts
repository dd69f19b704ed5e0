import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import express from 'express';
import knexFactory from 'knex';
import { createServer } from 'net';
import request from 'supertest';
import { databaseOutageErrors } from './databaseOutageErrors';
import { databaseUnreachableCause } from './databaseUnreachable';
import { DatabaseWatch } from './DatabaseWatch';

/** A port nothing listens on: connecting is refused, as with PostgreSQL stopped. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise(r => server.close(r));
  return port;
}

async function unreachableDatabase() {
  return knexFactory({
    client: 'pg',
    connection: { host: '127.0.0.1', port: await closedPort(), user: 'x' },
    acquireConnectionTimeout: 2000,
  });
}

describe('an unreachable database', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

  it('is told from a query the database refused', async () => {
    const down = await unreachableDatabase();
    const refused = await down.raw('select 1').catch(e => e);
    expect(databaseUnreachableCause(refused)).toMatch(/ECONNREFUSED/);

    const db = await databases.init('POSTGRES_15');
    const wrong = await db.raw('select * from no_such_table').catch(e => e);
    expect(databaseUnreachableCause(wrong)).toBeUndefined();
    await down.destroy();
  });

  it('is told from another plugin answering 500 because its database is down', async () => {
    const body = {
      error: {
        name: 'Error',
        message: 'connect ECONNREFUSED 127.0.0.1:5432',
      },
      request: { method: 'GET', url: '/entities' },
      response: { statusCode: 500 },
    };
    const remote = await ResponseError.fromResponse(
      new Response(JSON.stringify(body), {
        status: 500,
        headers: { 'content-type': 'application/json' },
      }) as any,
    );
    expect(databaseUnreachableCause(remote)).toBe(
      'connect ECONNREFUSED 127.0.0.1:5432',
    );
  });

  it('is watched: an outage has a start and a cause, and ends when the database answers', async () => {
    const down = await unreachableDatabase();
    const db = await databases.init('POSTGRES_15');
    let target = db;
    let clock = new Date('2026-12-01T02:13:00Z');
    const watch = new DatabaseWatch(
      () => target.raw('select 1'),
      () => clock,
    );
    await watch.check();
    expect(watch.outage()).toBeUndefined();
    target = down;
    await watch.check();
    expect(watch.outage()).toEqual({
      since: '2026-12-01T02:13:00.000Z',
      cause: expect.stringMatching(/ECONNREFUSED/),
    });
    clock = new Date('2026-12-01T02:14:00Z');
    await watch.check();
    expect(watch.outage()?.since).toBe('2026-12-01T02:13:00.000Z');
    target = db;
    await watch.check();
    expect(watch.outage()).toBeUndefined();
    await down.destroy();
  });

  it('turns into a 503 naming the cause at the end of a router; other errors pass', async () => {
    const down = await unreachableDatabase();
    const app = express();
    app.post('/requests', async (_req, _res, next) => {
      next(
        await down('change_requests')
          .insert({ id: 1 })
          .catch(e => e),
      );
    });
    app.get('/broken', (_req, _res, next) => next(new Error('a bug')));
    app.use(databaseOutageErrors('changes cannot be filed'));
    // Backstage's own error middleware, as the root HTTP router has it.
    app.use(
      MiddlewareFactory.create({
        config: mockServices.rootConfig(),
        logger: mockServices.logger.mock(),
      }).error(),
    );
    const refused = await request(app).post('/requests');
    expect(refused.status).toBe(503);
    expect(refused.body.error.name).toBe('ServiceUnavailableError');
    expect(refused.body.error.message).toMatch(
      /^The portal's database is unreachable \(connect ECONNREFUSED 127\.0\.0\.1:\d+\): changes cannot be filed until it is back/,
    );
    const bug = await request(app).get('/broken');
    expect(bug.status).toBe(500);
    expect(bug.body.error.message).toBe('a bug');
    await down.destroy();
  });
});
