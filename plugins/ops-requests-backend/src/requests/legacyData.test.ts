/*
 * Change requests filed before the split, when they lived in the
 * integrated-ops backend: the tables its migrations made, with a request,
 * its approval and audit rows in them. The ops-requests plugin started on
 * that database (app-config points its database at the old one) picks them
 * up: same migration names, so nothing is created twice, and everything
 * reads back.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { startRequestsPortal } from '../__testUtils__/requestsPortal';
import { MIGRATIONS_DIR } from './DatabaseRequestStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** The migrations the integrated-ops backend had applied. */
const OLD_LAYOUT = [
  '20261122000001_change_requests.js',
  '20261122000002_approvals.js',
];

describe.each(databases.eachSupportedId())(
  'requests filed before the split, on %p',
  databaseId => {
    it('are read back by the ops-requests plugin with their approvals and audit trail', async () => {
      const knex = await databases.init(databaseId);
      for (const name of OLD_LAYOUT) {
        await knex.migrate.up({ directory: MIGRATIONS_DIR, name });
      }
      await knex('change_requests').insert({
        id: 'cr-20261120-0ld001',
        kind: 'network-access',
        title: 'Network access: web -> gateway (443/tcp)',
        description: 'filed in the old layout',
        requested_by: 'user:default/raj',
        requested_at: '2026-11-20T10:00:00.000Z',
        state: 'pending',
        targets: JSON.stringify(['component:default/gateway']),
        change: JSON.stringify({
          provider: 'local',
          repository: 'infrastructure',
          branch: 'change/cr-20261120-0ld001',
          commit: 'abc',
          url: 'infrastructure',
          files: { 'kubernetes/allow.yaml': 'kind: NetworkPolicy\n' },
        }),
        policy: JSON.stringify({ version: 'p@1', results: [] }),
        required_approvals: JSON.stringify(['netops', 'secops']),
        approvers: JSON.stringify({
          netops: 'group:default/netops-edge',
          secops: 'group:default/soc-t1',
        }),
        expires_at: '2026-12-20',
        version: 1,
      });
      await knex('change_request_audit').insert([
        {
          request_id: 'cr-20261120-0ld001',
          at: '2026-11-20T10:00:00.000Z',
          actor: 'user:default/raj',
          action: 'created',
          to_state: 'pending',
        },
        {
          request_id: 'cr-20261120-0ld001',
          at: '2026-11-20T11:00:00.000Z',
          actor: 'user:default/ana',
          action: 'approved:netops',
        },
      ]);
      await knex('change_request_approvals').insert({
        request_id: 'cr-20261120-0ld001',
        discipline: 'netops',
        decided_by: 'user:default/ana',
        decided_at: '2026-11-20T11:00:00.000Z',
      });

      const portal = await startRequestsPortal(knex);
      try {
        const res = await request(portal.server)
          .get('/api/ops-requests/requests/cr-20261120-0ld001')
          .set({
            Authorization: mockCredentials.user.header('user:default/lucas'),
          });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          state: 'pending',
          requestedBy: 'user:default/raj',
          approvals: [{ discipline: 'netops', decidedBy: 'user:default/ana' }],
          // SOC Tier 1's approval is still pending, and Lucas is in it.
          canDecide: true,
        });
        expect(
          res.body.audit.map((e: any) => `${e.action} ${e.actor}`),
        ).toEqual([
          'created user:default/raj',
          'approved:netops user:default/ana',
        ]);
        // The new layout's own migration ran on top; the old ones not again.
        const [, pending] = await knex.migrate.list({
          directory: MIGRATIONS_DIR,
        });
        expect(pending).toEqual([]);
      } finally {
        await portal.stop();
      }
    });
  },
);
