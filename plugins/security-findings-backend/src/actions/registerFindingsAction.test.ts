/*
 * security-findings-open as an AI agent calls it over MCP: the component's
 * open findings as GET /findings answers them, with a one-line summary, for
 * the caller's credentials.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  commonFixture,
  startFindingsPortal,
} from '../__testUtils__/findingsPortal';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('MCP action security-findings-open', () => {
  it("answers a component's open findings in a line, and nothing of one the caller may not read", async () => {
    const portal = await startFindingsPortal(await databases.init('SQLITE_3'));
    try {
      const posted = await request(portal.server)
        .post('/api/security-findings/reports')
        .query({ entity: 'payments-api', tool: 'grype', format: 'grype' })
        .set(
          'Authorization',
          mockCredentials.service.header({
            onBehalfOf: mockCredentials.service('ci-scanner'),
            targetPluginId: 'security-findings',
          }),
        )
        .send(JSON.parse(commonFixture('grype-image.json')));
      expect(posted.status).toBe(200);
      const invoke = (component: string, user = 'user:default/guest') =>
        portal.actions
          .invoke({
            id: 'test:security-findings-open',
            input: { component } as any,
            credentials: mockCredentials.user(user),
          })
          .then(r => r.output as any);
      const open = await invoke('payments-api');
      expect(open.summary).toBe(
        'component:default/payments-api: 2 open (1 critical, 1 low); 0 past SLA',
      );
      expect(open.findings[0]).toMatchObject({
        severity: 'critical',
        owner: 'group:default/payments-sre',
      });
      await expect(invoke('vault-core')).rejects.toThrow(
        /No entity component:default\/vault-core in the catalog \(or not one you may read\)/,
      );
      expect((await invoke('orphan-batch')).summary).toBe(
        'component:default/orphan-batch: no open findings',
      );
    } finally {
      await portal.stop();
    }
  });
});
