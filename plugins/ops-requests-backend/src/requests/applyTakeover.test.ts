/*
 * A replica dies in the middle of applying an approved change (SIGKILL:
 * its merge never returns). The request stays claimed by it for the apply
 * lease; then the other replica's planned-apply task takes it over and
 * merges it - once, even when the dead replica had already pushed its merge.
 * Two services with their own connection pools on one PostgreSQL database
 * and one git repository.
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
import { raj, setupRequestService } from '../__testUtils__/requestService';
import { decider } from '../__testUtils__/teamClaims';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

const intent = changeIntentSchema.parse({
  kind: 'network-access',
  source: 'component:default/web',
  destination: 'component:default/gateway',
  ports: '443/tcp',
  justification: 'Checkout talks to the gateway for card tokenisation',
  expiresAt: '2026-04-30',
});

/** A publisher that dies in merge: before pushing, or right after. */
function dying(pushFirst: boolean, died: () => void) {
  return (git: LocalGitRepositories): ChangePublisher => {
    const publisher = createChangePublisher(new ConfigReader({}), git);
    return Object.assign(Object.create(publisher), {
      merge: async (m: Parameters<ChangePublisher['merge']>[0]) => {
        if (pushFirst) await publisher.merge(m);
        died();
        return new Promise<string>(() => {});
      },
    });
  };
}

describe.each([
  ['before its merge reached git', false],
  ['after its merge reached git, before it was recorded', true],
])('a replica killed mid-apply, %s', (_when, pushFirst) => {
  it('is taken over by the survivor when its claim runs out, and applied exactly once', async () => {
    const knex = await databases.init('POSTGRES_15');
    let died!: () => void;
    const dead = new Promise<void>(r => (died = r));
    const one = await setupRequestService(databases, {
      knex,
      publisher: dying(pushFirst, died),
    });
    const otherKnex = knexFactory(knex.client.config);
    const two = await setupRequestService(databases, {
      knex: otherKnex,
      gitRoot: one.gitRoot,
    });
    try {
      const filed = await one.service.create(intent, raj);
      await two.service.approve(filed.id, decider('user:default/ana'));
      // The last approval, on the replica that dies while applying it.
      void one.service.approve(filed.id, decider('user:default/lucas'));
      await dead;
      expect((await two.service.get(filed.id)).state).toBe('approved');

      // Within the dead replica's claim (2 minutes), nobody else merges.
      two.clock.now = new Date(one.clock.now.getTime() + 60_000);
      expect(await two.service.applyDue()).toEqual([]);

      // After it, the survivor's planned-apply task does.
      two.clock.now = new Date(one.clock.now.getTime() + 125_000);
      expect(await two.service.applyDue()).toEqual([filed.id]);
      const request = await two.service.get(filed.id);
      expect(request.state).toBe('applied');
      const applies = one
        .mainLog()
        .filter(l => l.startsWith(`Apply ${filed.id}:`));
      expect(applies).toHaveLength(1);
      const audit = (await two.store.audit(filed.id)).map(e => e.action);
      expect(audit.filter(a => a === 'applied')).toHaveLength(1);
      expect(await two.service.applyDue()).toEqual([]);
    } finally {
      await otherKnex.destroy();
    }
  });
});
