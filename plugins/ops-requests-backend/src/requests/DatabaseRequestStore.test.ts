import { TestDatabases } from '@backstage/backend-test-utils';
import { sampleRequest } from '../__testUtils__/sampleRequest';
import { DatabaseRequestStore, MIGRATIONS_DIR } from './DatabaseRequestStore';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

async function storeOn(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  await knex.migrate.latest({ directory: MIGRATIONS_DIR });
  return new DatabaseRequestStore(knex);
}

describe.each(databases.eachSupportedId())(
  'DatabaseRequestStore on %p',
  databaseId => {
    it('stores a request as pending with its approvers and a created audit entry', async () => {
      const store = await storeOn(databaseId);
      const created = await store.create(sampleRequest());
      expect(created).toMatchObject({
        id: 'cr-20260302-abcdef',
        state: 'pending',
        approvers: {
          netops: 'group:default/netops-dc',
          secops: 'group:default/soc-tier1',
        },
        approvals: [],
        change: { files: { 'kubernetes/allow.yaml': 'kind: NetworkPolicy\n' } },
        expiresAt: '2026-04-01',
      });
      expect(await store.audit(created.id)).toEqual([
        expect.objectContaining({
          actor: 'user:default/guest',
          action: 'created',
          toState: 'pending',
        }),
      ]);
      await expect(store.create(sampleRequest())).rejects.toThrow(
        'already exists',
      );
    });

    it('approves per discipline and completes only when every required team approved', async () => {
      const store = await storeOn(databaseId);
      await store.create(sampleRequest());
      const first = await store.approve({
        id: 'cr-20260302-abcdef',
        disciplines: ['netops'],
        actor: 'user:default/omar.haddad',
        at: '2026-03-02T12:05:00.000Z',
      });
      expect(first.completed).toBe(false);
      expect(first.request.state).toBe('pending');

      await expect(
        store.approve({
          id: 'cr-20260302-abcdef',
          disciplines: ['netops'],
          actor: 'user:default/li.wei',
          at: '2026-03-02T12:06:00.000Z',
        }),
      ).rejects.toThrow('has no pending netops approval');

      const second = await store.approve({
        id: 'cr-20260302-abcdef',
        disciplines: ['secops'],
        actor: 'user:default/noah.kim',
        at: '2026-03-02T12:07:00.000Z',
        comment: 'PCI scope reviewed',
      });
      expect(second.completed).toBe(true);
      expect(second.request).toMatchObject({
        state: 'approved',
        decidedAt: '2026-03-02T12:07:00.000Z',
      });
      expect(
        second.request.approvals
          .map(a => `${a.discipline} ${a.decidedBy}`)
          .sort(),
      ).toEqual([
        'netops user:default/omar.haddad',
        'secops user:default/noah.kim',
      ]);
      expect(
        (await store.audit('cr-20260302-abcdef')).map(e => e.action),
      ).toEqual(['created', 'approved:netops', 'approved:secops', 'approved']);
      await expect(
        store.approve({
          id: 'cr-20260302-abcdef',
          disciplines: ['netops'],
          actor: 'x',
          at: 'y',
        }),
      ).rejects.toThrow('is already approved');
    });

    it('moves through applied and revoked only from the right states', async () => {
      const store = await storeOn(databaseId);
      await store.create(sampleRequest());
      await expect(
        store.transition({
          id: 'cr-20260302-abcdef',
          from: ['approved'],
          to: 'applied',
          action: 'applied',
          actor: 'portal',
          at: 't',
        }),
      ).rejects.toThrow('is pending, not approved');
      const rejected = await store.transition({
        id: 'cr-20260302-abcdef',
        from: ['pending'],
        to: 'rejected',
        action: 'rejected',
        actor: 'user:default/omar.haddad',
        at: '2026-03-02T13:00:00.000Z',
        reason: 'SSH is not allowed into PCI',
      });
      expect(rejected).toMatchObject({
        state: 'rejected',
        decidedAt: '2026-03-02T13:00:00.000Z',
      });
      expect((await store.audit('cr-20260302-abcdef')).pop()).toMatchObject({
        action: 'rejected',
        fromState: 'pending',
        toState: 'rejected',
        reason: 'SSH is not allowed into PCI',
      });
    });

    it('lists mine, and those pending on my teams', async () => {
      const store = await storeOn(databaseId);
      await store.create(sampleRequest());
      await store.create(
        sampleRequest({
          id: 'cr-20260302-000002',
          requestedBy: 'user:default/omar.haddad',
          requestedAt: '2026-03-02T12:30:00.000Z',
          requiredApprovals: ['secops'],
          approvers: { secops: 'group:default/soc-tier1' },
        }),
      );
      expect(
        (await store.list({ requestedBy: 'user:default/guest' })).map(
          r => r.id,
        ),
      ).toEqual(['cr-20260302-abcdef']);
      expect((await store.list({})).map(r => r.id)).toEqual([
        'cr-20260302-000002',
        'cr-20260302-abcdef',
      ]);
      expect(
        (
          await store.list({
            criteria: { pendingOnAnyOf: ['group:default/netops-dc'] },
          })
        ).map(r => r.id),
      ).toEqual(['cr-20260302-abcdef']);
      await store.approve({
        id: 'cr-20260302-abcdef',
        disciplines: ['netops'],
        actor: 'user:default/li.wei',
        at: '2026-03-02T12:30:00.000Z',
      });
      expect(
        await store.list({
          criteria: { pendingOnAnyOf: ['group:default/netops-dc'] },
        }),
      ).toEqual([]);
    });

    it('lists the requests that named an entity, filed by a time (for as-of answers)', async () => {
      const store = await storeOn(databaseId);
      await store.create(sampleRequest());
      await store.create(
        sampleRequest({
          id: 'cr-20260302-000002',
          requestedAt: '2026-03-02T12:30:00.000Z',
          targets: ['component:default/fraud_scoring-service'],
        }),
      );
      const about = (target: string, requestedBefore?: string) =>
        store
          .list({ target, requestedBefore })
          .then(items => items.map(r => r.id));
      // `_` is no wildcard here.
      expect(await about('component:default/fraud-scoring-service')).toEqual([
        'cr-20260302-abcdef',
      ]);
      expect(await about('component:default/fraud_scoring-service')).toEqual([
        'cr-20260302-000002',
      ]);
      expect(
        await about(
          'component:default/fraud_scoring-service',
          '2026-03-02T12:29:59.000Z',
        ),
      ).toEqual([]);
      expect(await about('component:default/fraud-scoring')).toEqual([]);
    });

    it('finds grants due for expiry and re-certification', async () => {
      const store = await storeOn(databaseId);
      await store.create(sampleRequest());
      await store.approve({
        id: 'cr-20260302-abcdef',
        disciplines: ['netops', 'secops'],
        actor: 'a',
        at: '2026-03-02T12:10:00.000Z',
      });
      await store.transition({
        id: 'cr-20260302-abcdef',
        from: ['approved'],
        to: 'applied',
        action: 'applied',
        actor: 'portal',
        at: '2026-03-02T12:11:00.000Z',
      });
      expect(await store.dueForExpiry('2026-03-31T23:59:59.000Z')).toEqual([]);
      expect(
        (await store.dueForExpiry('2026-04-01T00:00:00.000Z')).map(r => r.id),
      ).toEqual(['cr-20260302-abcdef']);
      expect(
        (await store.dueForRecertification('2026-03-20T00:00:00.000Z')).map(
          r => r.id,
        ),
      ).toEqual(['cr-20260302-abcdef']);
      await store.markRecertificationRequested(
        'cr-20260302-abcdef',
        'portal',
        '2026-03-20T00:00:00.000Z',
      );
      expect(
        await store.dueForRecertification('2026-03-19T00:00:00.000Z'),
      ).toEqual([]);
    });
  },
);
