/*
 * Two backend replicas on one PostgreSQL database, racing to decide the same
 * change requests: every discipline is approved exactly once, each request
 * is completed once, and the audit trail has every decision and nothing
 * twice.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { mkdtemp } from 'fs/promises';
import knexFactory, { Knex } from 'knex';
import { tmpdir } from 'os';
import { join } from 'path';
import request from 'supertest';
import { startRequestsPortal } from '../__testUtils__/requestsPortal';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

const as = (userRef: string) => ({
  Authorization: mockCredentials.user.header(userRef),
});

const replica = (knex: Knex, gitRoot: string) =>
  startRequestsPortal(knex, { gitRoot });

const REQUESTS = 12;

/** The request once applied, or as it stands after 30 s. */
async function appliedOrLast(
  server: Parameters<typeof request>[0],
  id: string,
) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const detail = (
      await request(server)
        .get(`/api/ops-requests/requests/${id}`)
        .set(as('user:default/raj'))
    ).body;
    if (detail.state === 'applied' || Date.now() > deadline) return detail;
    await new Promise(r => setTimeout(r, 250));
  }
}

it('two replicas deciding the same requests at once: each decision lands exactly once', async () => {
  const knexA = await databases.init('POSTGRES_15');
  // The second replica has its own connection pool to the same database.
  const knexB = knexFactory(knexA.client.config);
  // Both replicas deliver to the same infrastructure repository.
  const gitRoot = await mkdtemp(join(tmpdir(), 'iop-race-git-'));
  const a = await replica(knexA, gitRoot);
  const b = await replica(knexB, gitRoot);
  try {
    const ids: string[] = [];
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    for (let i = 0; i < REQUESTS; i++) {
      const res = await request(a.server)
        .post('/api/ops-requests/requests')
        .set(as('user:default/raj'))
        .send({
          kind: 'network-access',
          source: 'component:default/web',
          destination: 'component:default/gateway',
          ports: '443/tcp',
          // The same flow each time: the same files, so every merge lands.
          justification: 'Two replicas decide the same flow at once',
          expiresAt,
        });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }

    // Per request, two members of each approving team click at the same time, on different replicas.
    const attempts = ids.flatMap(id =>
      [
        [a, 'user:default/ana'],
        [b, 'user:default/tom'],
        [b, 'user:default/lucas'],
        [a, 'user:default/elena'],
      ].map(async ([backend, user]) => {
        const res = await request((backend as typeof a).server)
          .post(`/api/ops-requests/requests/${id}/approve`)
          .set(as(user as string))
          .send({});
        return { id, status: res.status };
      }),
    );
    const results = await Promise.all(attempts);

    for (const id of ids) {
      const mine = results.filter(r => r.id === id);
      // One approval per discipline wins; the other click is told it lost (409) or is no longer allowed (403).
      expect(mine.filter(r => r.status === 200)).toHaveLength(2);
      expect(
        mine
          .filter(r => r.status !== 200)
          .every(r => r.status === 409 || r.status === 403),
      ).toBe(true);

      // Applied by the approving replica, or, when the other replica's apply
      // task claimed it first (a slow run reaches its first tick), by that.
      const detail = await appliedOrLast(b.server, id);
      expect(detail.state).toBe('applied');
      expect(detail.approvals.map((x: any) => x.discipline).sort()).toEqual([
        'netops',
        'secops',
      ]);
      const actions = detail.audit.map((e: any) => e.action);
      expect(actions.filter((x: string) => x === 'approved')).toHaveLength(1);
      expect(
        actions.filter((x: string) => x === 'approved:netops'),
      ).toHaveLength(1);
      expect(
        actions.filter((x: string) => x === 'approved:secops'),
      ).toHaveLength(1);
      expect(actions.filter((x: string) => x === 'created')).toHaveLength(1);
      expect(actions.filter((x: string) => x === 'applied')).toHaveLength(1);
      // The namespace baseline: filed once, noted on each request.
      expect(actions.filter((x: string) => x === 'baseline')).toHaveLength(1);
      expect(actions).toHaveLength(6);
    }
  } finally {
    await a.stop();
    await b.stop();
    await knexB.destroy();
  }
});
