/*
 * Change requests through the plugin's HTTP routes, with the real permission
 * backend and the portal's policy module deciding who may approve, on SQLite
 * and PostgreSQL. The catalog is the small test catalog with team members.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { startRequestsPortal } from '../__testUtils__/requestsPortal';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const as = (userRef: string) => ({
  Authorization: mockCredentials.user.header(userRef),
});
const ANA = 'user:default/ana'; // netops-edge
const TOM = 'user:default/tom'; // netops-edge, and the requester below
const LUCAS = 'user:default/lucas'; // soc-t1
const RAJ = 'user:default/raj'; // in no approving team

const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** What a person asks for: the only thing the route takes. */
const newRequest = {
  kind: 'network-access',
  source: 'component:default/web',
  destination: 'component:default/gateway',
  ports: '443/tcp',
  justification: 'Batch reconciliation reads the gateway API',
  expiresAt: inDays(30),
};
const TITLE =
  'Network access: component:default/web -> component:default/gateway (443/tcp)';
const MANIFEST = 'kubernetes/edge/allow-web-to-gateway.yaml';

describe.each(databases.eachSupportedId())(
  'change requests on %p',
  databaseId => {
    let portal: Awaited<ReturnType<typeof startRequestsPortal>>;
    beforeAll(async () => {
      portal = await startRequestsPortal(await databases.init(databaseId));
    });
    afterAll(() => portal.stop());

    it('refuses unauthenticated callers on every route', async () => {
      const { server } = portal;
      expect(
        (
          await request(server)
            .post('/api/ops-requests/requests')
            .send(newRequest)
        ).status,
      ).toBe(401);
      expect(
        (await request(server).get('/api/ops-requests/requests')).status,
      ).toBe(401);
      expect(
        (await request(server).get('/api/ops-requests/requests/x')).status,
      ).toBe(401);
      expect(
        (
          await request(server)
            .post('/api/ops-requests/requests/x/approve')
            .send({})
        ).status,
      ).toBe(401);
    });

    it('rejects a malformed request with the field named', async () => {
      const res = await request(portal.server)
        .post('/api/ops-requests/requests')
        .set(as(TOM))
        .send({ ...newRequest, justification: 'x'.repeat(2001) });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'justification: must be at most 2000 characters, got 2001',
      );
      const badDate = await request(portal.server)
        .post('/api/ops-requests/requests')
        .set(as(TOM))
        .send({ ...newRequest, expiresAt: '2026-02-30' });
      expect(badDate.body.error.message).toBe(
        'expiresAt: "2026-02-30" is not a date (YYYY-MM-DD, or an ISO date-time with a zone)',
      );
    });

    it('refuses a forged request: policy, approvers, targets and branch are not the caller’s to say', async () => {
      const { server, repos } = portal;
      // The attack from the issue: "payments-web -> payments-web, policy
      // passed", pointing at a branch that opens a PCI database.
      const forged = await request(server)
        .post('/api/ops-requests/requests')
        .set(as(RAJ))
        .send({
          kind: 'network-access',
          title: 'Network access: web -> web (443/tcp)',
          description: 'harmless',
          targets: ['component:default/web'],
          change: {
            provider: 'local',
            repository: 'infrastructure',
            branch: 'attacker/open-pci-db',
            commit: 'f'.repeat(40),
            url: 'x',
            files: { 'kubernetes/allow.yaml': 'harmless' },
          },
          policy: {
            version: 'northbridge-change-policy@2026.12.1',
            results: [{ rule: 'all', passed: true, message: 'ok' }],
          },
          requiredApprovals: ['netops'],
        });
      expect(forged.status).toBe(400);
      expect(forged.body.error.message).toContain(
        '(body): unknown fields "title", "description", "targets", "change", "policy", "requiredApprovals"',
      );

      // The same intent, honestly asked, into the PCI database: the backend
      // names the database's NetOps owner and SecOps, whoever asks.
      const honest = await request(server)
        .post('/api/ops-requests/requests')
        .set(as(RAJ))
        .send({
          ...newRequest,
          destination: 'resource:default/cases-db',
          ports: '5432/tcp',
        });
      expect(honest.status).toBe(201);
      expect(honest.body.approvers).toEqual({
        netops: 'group:default/netops-dc',
        secops: 'group:default/soc-t1',
      });
      expect(honest.body.requiredApprovals).toEqual(['netops', 'secops']);
      // NetOps Edge (owner of the source, not the database) cannot approve it.
      const edge = await request(server)
        .post(`/api/ops-requests/requests/${honest.body.id}/approve`)
        .set(as(ANA))
        .send({});
      expect(edge.status).toBe(403);
      // One NetOps approval of the database's owner does not merge it: SecOps must too.
      const omar = await request(server)
        .post(`/api/ops-requests/requests/${honest.body.id}/approve`)
        .set(as('user:default/omar'))
        .send({});
      expect(omar.body.state).toBe('pending');
      expect(
        await repos.branchHead('infrastructure', honest.body.change.branch),
      ).toBe(honest.body.change.commit);
    });

    it('previews an intent: the backend’s verdict, approvers and change, with nothing committed', async () => {
      const { server, repos } = portal;
      const before = await repos.branches('infrastructure', 'change/');
      const preview = await request(server)
        .post('/api/ops-requests/requests/preview')
        .set(as(TOM))
        .send({ ...newRequest, source: 'resource:default/seg-corp' });
      expect(preview.status).toBe(200);
      expect(preview.body.policy.passed).toBe(false);
      expect(
        preview.body.policy.results
          .filter((r: any) => !r.passed)
          .map((r: any) => r.rule),
      ).toEqual(['cidr-breadth']);
      expect(await repos.branches('infrastructure', 'change/')).toEqual(before);
      const refused = await request(server)
        .post('/api/ops-requests/requests')
        .set(as(TOM))
        .send({ ...newRequest, source: 'resource:default/seg-corp' });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(
        /^Refused by policy northbridge-change-policy@2026\.12\.7: cidr-breadth: /,
      );
      // The refusal counts in the governance KPIs (and the CSV).
      const kpis = await request(server)
        .get('/api/ops-requests/kpis')
        .set(as(TOM));
      expect(kpis.status).toBe(200);
      expect(kpis.body.refusals.byRule).toContainEqual({
        rule: 'cidr-breadth',
        count: 1,
      });
      // The lookup plugin is not installed here: said, not zero.
      expect(kpis.body.lookupsWithoutOwner.unavailable).toContain(
        'could not be read',
      );
      const csv = await request(server)
        .get('/api/ops-requests/kpis')
        .query({ format: 'csv', team: 'netops-edge' })
        .set(as(TOM));
      expect(csv.type).toBe('text/csv');
      expect(csv.text).toContain('policy-refusals,cidr-breadth,filings,1');
    });

    it('refuses KPI questions that make no sense', async () => {
      const ask = (query: object) =>
        request(portal.server)
          .get('/api/ops-requests/kpis')
          .query(query)
          .set(as(TOM));
      for (const query of [
        { team: 'netops-edge', system: 'edge' },
        { from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' },
        { from: '2024-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
        { format: 'xlsx' },
      ]) {
        expect((await ask(query)).status).toBe(400);
      }
      expect(
        (await request(portal.server).get('/api/ops-requests/kpis')).status,
      ).toBe(401);
    });

    it('takes an address range outside the catalog as the source: CIDR rules judge it, SecOps always approves', async () => {
      const { server } = portal;
      const preview = await request(server)
        .post('/api/ops-requests/requests/preview')
        .set(as(TOM))
        .send({ ...newRequest, source: '203.0.113.7/24' });
      expect(preview.status).toBe(200);
      const plan = preview.body;
      expect(plan.title).toBe(
        'Network access: 203.0.113.0/24 (outside the catalog) -> component:default/gateway (443/tcp)',
      );
      expect(plan.targets).toEqual(['component:default/gateway']);
      expect(plan.policy.passed).toBe(true);
      expect(plan.requiredApprovals).toEqual(
        expect.arrayContaining(['netops', 'secops']),
      );
      expect(plan.approvers.secops).toBe('group:default/soc-t1');
      expect(
        plan.policy.results.find((r: any) => r.rule === 'secops-involvement')
          .message,
      ).toContain('a source outside the catalog (203.0.113.0/24)');
      const manifest =
        plan.files[
          'kubernetes/edge/allow-range-203-0-113-0-24-to-gateway.yaml'
        ];
      expect(manifest).toContain('cidr: 203.0.113.0/24');
      expect(manifest).not.toContain('default-deny');

      const broad = await request(server)
        .post('/api/ops-requests/requests/preview')
        .set(as(TOM))
        .send({ ...newRequest, source: '10.0.0.0/8' });
      expect(
        broad.body.policy.results
          .filter((r: any) => !r.passed)
          .map((r: any) => r.message),
      ).toEqual([
        '10.0.0.0/8 is broader than /24; name a narrower segment or host',
      ]);
    });

    it('runs a request from creation to applied, approved by the owning teams only', async () => {
      const { server, repos, sent } = portal;
      const created = await request(server)
        .post('/api/ops-requests/requests')
        .set(as(TOM))
        .send(newRequest);
      expect(created.status).toBe(201);
      const id = created.body.id;
      expect(id).toMatch(/^cr-\d{8}-[0-9a-f]{6}$/);
      // Approvers from the typed ownership of the destination.
      expect(created.body.approvers).toEqual({
        netops: 'group:default/netops-edge',
        secops: 'group:default/soc-t1',
      });
      expect(
        sent.map(n => [n.payload.title, n.recipients.entityRef]),
      ).toContainEqual([
        `Approval needed: ${TITLE}`,
        ['group:default/netops-edge', 'group:default/soc-t1'],
      ]);

      const approve = (user: string) =>
        request(server)
          .post(`/api/ops-requests/requests/${id}/approve`)
          .set(as(user))
          .send({ comment: 'ok' });

      // The requester is in netops-edge, but never approves their own request.
      expect((await approve(TOM)).status).toBe(403);
      expect(
        (
          await request(server)
            .get(`/api/ops-requests/requests/${id}`)
            .set(as(TOM))
        ).body.canDecide,
      ).toBe(false);
      // Not a member of an approving team.
      expect((await approve(RAJ)).status).toBe(403);

      const detail = await request(server)
        .get(`/api/ops-requests/requests/${id}`)
        .set(as(ANA));
      expect(detail.body.canDecide).toBe(true);
      // The diff approvers see is read from git at the recorded commit.
      expect(Object.keys(detail.body.change.files)).toEqual([
        MANIFEST,
        'terraform/web-to-gateway.tf.json',
      ]);
      expect(detail.body.change.files[MANIFEST]).toContain(
        'cidr: 10.20.1.0/24',
      );
      expect(
        (
          await request(server)
            .get('/api/ops-requests/requests?view=awaiting')
            .set(as(ANA))
        ).body.items.map((r: any) => [r.kind, r.id === id]),
      ).toEqual([
        // The namespace baseline it asked for, filed on its own.
        ['namespace-baseline', false],
        ['network-access', true],
      ]);

      const first = await approve(ANA);
      expect(first.status).toBe(200);
      expect(first.body.state).toBe('pending');
      expect((await approve(ANA)).status).toBe(403); // netops is no longer pending
      const last = await approve(LUCAS);
      expect(last.status).toBe(200);
      expect(last.body.state).toBe('applied');

      // Applied through git: the change branch is merged into main.
      expect(await repos.show('infrastructure', 'main', MANIFEST)).toContain(
        'kind: NetworkPolicy',
      );
      const audit = (
        await request(server)
          .get(`/api/ops-requests/requests/${id}`)
          .set(as(ANA))
      ).body.audit;
      expect(audit.map((e: any) => `${e.action} ${e.actor}`)).toEqual([
        `created ${TOM}`,
        'baseline ops-requests:portal',
        `approved:netops ${ANA}`,
        `approved:secops ${LUCAS}`,
        `approved ${LUCAS}`,
        'applied ops-requests:portal',
      ]);
      expect(sent.map(n => n.payload.title)).toContain(`Approved: ${TITLE}`);
      expect(
        (
          await request(server)
            .get('/api/ops-requests/requests?view=mine')
            .set(as(TOM))
        ).body.items.map((r: any) => [r.kind, r.state]),
      ).toEqual([
        // Filed in TOM's name with his request, it waits for NetOps on its own.
        ['namespace-baseline', 'pending'],
        ['network-access', 'applied'],
      ]);
    });

    it('needs a justification to reject, and a rejected request cannot be approved', async () => {
      const { server } = portal;
      // The flow applied above, to end later: an extension (asking again for
      // the same end is refused: connectivity.adds-access).
      const created = await request(server)
        .post('/api/ops-requests/requests')
        .set(as(TOM))
        .send({ ...newRequest, expiresAt: inDays(45) });
      expect(created.status).toBe(201);
      const id = created.body.id;
      const noReason = await request(server)
        .post(`/api/ops-requests/requests/${id}/reject`)
        .set(as(LUCAS))
        .send({});
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.message).toBe(
        'justification: is required: say why the request is rejected',
      );
      const rejected = await request(server)
        .post(`/api/ops-requests/requests/${id}/reject`)
        .set(as(LUCAS))
        .send({ justification: 'The corporate /8 may not reach the DMZ' });
      expect(rejected.status).toBe(200);
      expect(rejected.body.state).toBe('rejected');
      expect(
        (
          await request(server)
            .post(`/api/ops-requests/requests/${id}/approve`)
            .set(as(ANA))
            .send({})
        ).status,
      ).toBe(403);
      expect(portal.sent.map(n => n.payload.description)).toContain(
        `${LUCAS}: The corporate /8 may not reach the DMZ`,
      );
    });

    it('says 404 for an unknown request', async () => {
      expect(
        (
          await request(portal.server)
            .get('/api/ops-requests/requests/cr-nope')
            .set(as(ANA))
        ).status,
      ).toBe(404);
    });
  },
);
