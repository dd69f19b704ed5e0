/*
 * A planned apply: approved before its time, applied by the scheduler at its
 * time, exactly once with two replicas (two services, each with its own
 * connection pool) on one PostgreSQL database and one git repository.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { changeIntentSchema } from '@integrated-ops/plugin-ops-requests-common';
import {
  ChangePublisher,
  createChangePublisher,
  LocalGitRepositories,
} from '@integrated-ops/plugin-ops-requests-node';
import knexFactory from 'knex';
import { execFileSync } from 'node:child_process';
import { raj, setupRequestService } from '../__testUtils__/requestService';
import { decider } from '../__testUtils__/teamClaims';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const planned = changeIntentSchema.parse({
  kind: 'network-access',
  source: 'component:default/web',
  destination: 'component:default/gateway',
  ports: '443/tcp',
  justification: 'Checkout talks to the gateway after the Saturday release',
  applyAt: '2026-03-07T22:00:00Z',
  expiresAt: '2026-04-30',
});

describe.each(databases.eachSupportedId())(
  'planned applies on %p',
  databaseId => {
    it('wait for their time once approved, then are applied exactly once across two replicas', async () => {
      const knex = await databases.init(databaseId);
      // Every merge either replica attempts.
      const merges: string[] = [];
      const counting = (git: LocalGitRepositories): ChangePublisher => {
        const publisher = createChangePublisher(new ConfigReader({}), git);
        return Object.assign(Object.create(publisher), {
          merge: async (m: Parameters<ChangePublisher['merge']>[0]) => {
            merges.push(m.branch);
            return publisher.merge(m);
          },
        });
      };
      const one = await setupRequestService(databases, {
        knex,
        publisher: counting,
      });
      // The second replica: its own connection pool to the same database, the same repository.
      const otherKnex =
        databaseId === 'SQLITE_3' ? knex : knexFactory(knex.client.config);
      const two = await setupRequestService(databases, {
        knex: otherKnex,
        gitRoot: one.gitRoot,
        publisher: counting,
      });
      try {
        const filed = await one.service.create(planned, raj);
        expect(filed.applyAt).toBe('2026-03-07T22:00:00.000Z');
        await one.service.approve(filed.id, decider('user:default/ana'));
        const approved = await two.service.approve(
          filed.id,
          decider('user:default/lucas'),
        );
        expect(approved.state).toBe('approved');
        const log = () =>
          execFileSync('git', [
            '--git-dir',
            one.git.remoteOf('infrastructure'),
            'log',
            '--format=%s',
            'main',
          ]).toString();
        expect(await log()).not.toContain(`Apply ${filed.id}`);

        // Not yet.
        one.clock.now = two.clock.now = new Date('2026-03-07T21:59:00Z');
        expect(await one.service.applyDue()).toEqual([]);

        // Both replicas' schedulers run at its time: one applies it.
        one.clock.now = two.clock.now = new Date('2026-03-07T22:00:30Z');
        const [a, b] = await Promise.all([
          one.service.applyDue(),
          two.service.applyDue(),
        ]);
        expect([...a, ...b]).toEqual([filed.id]);
        // Only the replica that claimed it tried to merge.
        expect(merges).toEqual([filed.change.branch]);
        expect(
          (await log())
            .split('\n')
            .filter(l => l === `Apply ${filed.id}: ${filed.title}`),
        ).toHaveLength(1);
        const audit = (await one.store.audit(filed.id)).map(e => e.action);
        expect(audit.filter(x => x === 'applied')).toHaveLength(1);
        expect(audit).toContain('scheduled');
        expect((await one.service.get(filed.id)).state).toBe('applied');
        // And never again.
        expect(await one.service.applyDue()).toEqual([]);
      } finally {
        if (otherKnex !== knex) await otherKnex.destroy();
      }
    });
  },
);
