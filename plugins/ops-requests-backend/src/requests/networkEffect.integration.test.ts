/*
 * What a change does to the network, computed by the backend at filing from
 * the infrastructure repository's NetworkPolicies (a seeded main with
 * namespace baselines), stored with the request, and judged by the change
 * policy's connectivity.adds-access rule; on SQLite and PostgreSQL.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import {
  namespaceBaseline,
  toYamlDocuments,
} from '@integrated-ops/plugin-ops-requests-node';
import { mkdtemp } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import request from 'supertest';
import { startRequestsPortal } from '../__testUtils__/requestsPortal';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const as = (userRef: string) => ({
  Authorization: mockCredentials.user.header(userRef),
});
const TOM = 'user:default/tom'; // netops-edge, the requester
const ANA = 'user:default/ana'; // netops-edge
const LUCAS = 'user:default/lucas'; // soc-t1

const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

// web runs in `default` (no System), gateway in `edge` (its System).
const intent = (expiresAt: string) => ({
  kind: 'network-access',
  source: 'component:default/web',
  destination: 'component:default/gateway',
  ports: '443/tcp',
  justification: 'Batch reconciliation reads the gateway API',
  expiresAt,
});
const INGRESS = 'kubernetes/edge/allow-web-to-gateway.yaml';
const EGRESS = 'kubernetes/default/allow-web-to-gateway-egress.yaml';

describe.each(databases.eachSupportedId())(
  'the network effect of a change on %p',
  databaseId => {
    let portal: Awaited<ReturnType<typeof startRequestsPortal>>;
    beforeAll(async () => {
      const gitRoot = await mkdtemp(join(tmpdir(), 'iop-effect-git-'));
      portal = await startRequestsPortal(await databases.init(databaseId), {
        gitRoot,
      });
      // main with both namespaces' baselines: default-deny in and out.
      await portal.repos.ensure('infrastructure', '# infrastructure\n', {
        'kubernetes/edge/namespace-baseline.yaml': toYamlDocuments(
          namespaceBaseline('edge'),
        ),
        'kubernetes/default/namespace-baseline.yaml': toYamlDocuments(
          namespaceBaseline('default'),
        ),
      });
    });
    afterAll(() => portal.stop());

    const file = (expiresAt: string) =>
      request(portal.server)
        .post('/api/ops-requests/requests')
        .set(as(TOM))
        .send(intent(expiresAt));

    it('shows what a request adds before anyone approves, renders both halves of the flow, and refuses to ask again for what main allows', async () => {
      const preview = await request(portal.server)
        .post('/api/ops-requests/requests/preview')
        .set(as(TOM))
        .send(intent(inDays(30)));
      expect(preview.status).toBe(200);
      // Not on one cluster: the rules name addresses, and so does the
      // effect - web's pods to the gateway's address (egress), web's segment
      // to the gateway's pods (ingress), each named by its entity.
      expect(preview.body.connectivity.added).toEqual([
        {
          from: 'component:default/web (10.20.1.0-10.20.1.255)',
          to: 'component:default/gateway',
          toWorkload: 'edge/gateway[Component]',
          before: '',
          after: 'TCP 443',
          narrows: false,
        },
        {
          from: 'component:default/web',
          to: 'component:default/gateway (10.20.1.10)',
          fromWorkload: 'default/web[Component]',
          before: '',
          after: 'TCP 443',
          narrows: false,
        },
      ]);

      const filed = await file(inDays(30));
      expect(filed.status).toBe(201);
      // The source's namespace denies egress: the change holds its half too.
      expect(Object.keys(filed.body.change.files).sort()).toEqual([
        EGRESS,
        INGRESS,
        'terraform/web-to-gateway.tf.json',
      ]);
      expect(filed.body.change.files[EGRESS]).toContain('- Egress');
      expect(filed.body.connectivity).toMatchObject({
        added: preview.body.connectivity.added,
        removed: [],
        changed: [],
        alreadyAllowedBy: [],
      });
      expect(filed.body.policy.results).toContainEqual({
        rule: 'connectivity.adds-access',
        passed: true,
        message: 'adds 2 connection(s), removes 0, changes 0',
      });
      // Stored with the request, not computed on reading.
      const read = await request(portal.server)
        .get(`/api/ops-requests/requests/${filed.body.id}`)
        .set(as(ANA));
      expect(read.body.connectivity).toEqual(filed.body.connectivity);

      for (const approver of [ANA, LUCAS]) {
        const approved = await request(portal.server)
          .post(`/api/ops-requests/requests/${filed.body.id}/approve`)
          .set(as(approver))
          .send({});
        expect(approved.status).toBe(200);
      }

      // The same flow again, ending no later: refused, naming the rule,
      // its request and its expiry.
      const again = await file(inDays(20));
      expect(again.status).toBe(400);
      const until = new Date(inDays(30)).toISOString();
      expect(again.body.error.message).toContain(
        `connectivity.adds-access: already allowed by default/allow-web-to-gateway-egress (${EGRESS}, until ${until}); edge/allow-web-to-gateway (${INGRESS}, until ${until})`,
      );
      // Ending later: an extension, filed.
      const extension = await file(inDays(60));
      expect(extension.status).toBe(201);
      expect(extension.body.connectivity.alreadyAllowedBy).toHaveLength(2);
      expect(
        extension.body.policy.results.find(
          (r: any) => r.rule === 'connectivity.adds-access',
        ).message,
      ).toMatch(/this request extends it$/);

      // Another port for the same flow would replace its rule: 443 lost.
      const narrowing = await request(portal.server)
        .post('/api/ops-requests/requests')
        .set(as(TOM))
        .send({ ...intent(inDays(60)), ports: '8443/tcp' });
      expect(narrowing.status).toBe(400);
      expect(narrowing.body.error.message).toContain(
        'connectivity.adds-access: would take away access the flow has on main (TCP 443 becomes TCP 8443',
      );
    });
  },
);
