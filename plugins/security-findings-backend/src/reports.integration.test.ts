import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import { gzipSync } from 'zlib';
import {
  commonFixture,
  startFindingsPortal,
} from './__testUtils__/findingsPortal';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const reporter = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('ci-scanner'),
  targetPluginId: 'security-findings',
});
const stranger = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('plugin:catalog'),
  targetPluginId: 'security-findings',
});
const user = (ref = 'user:default/guest') => mockCredentials.user.header(ref);

const PAYMENTS = 'component:default/payments-api';
const DAY = 86_400_000;

const trivySarif = () => JSON.parse(commonFixture('trivy-alpine-310.sarif'));

async function stored(knex: Knex) {
  const [{ n: findings }] = await knex('security_findings').count({ n: '*' });
  const [{ n: reports }] = await knex('security_reports').count({ n: '*' });
  return { findings: Number(findings), reports: Number(reports) };
}

describe.each(databases.eachSupportedId())('reports on %p', databaseId => {
  let knex: Knex;
  let portal: Awaited<ReturnType<typeof startFindingsPortal>>;

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    portal = await startFindingsPortal(knex, { maxReportMegabytes: 1 });
  });
  afterAll(() => portal.stop());

  const post = (query: Record<string, string>, auth: string = reporter) =>
    request(portal.server)
      .post('/api/security-findings/reports')
      .query(query)
      .set('Authorization', auth);
  /** A gzipped body, sent as a scanner's curl would (supertest re-encodes Buffers as JSON). */
  const postGzip = async (query: Record<string, string>, body: unknown) => {
    const { port } = portal.server.address() as { port: number };
    const res = await fetch(
      `http://127.0.0.1:${port}/api/security-findings/reports?${new URLSearchParams(
        query,
      )}`,
      {
        method: 'POST',
        headers: {
          authorization: reporter,
          'content-type': 'application/json',
          'content-encoding': 'gzip',
        },
        body: gzipSync(JSON.stringify(body)),
      },
    );
    return { status: res.status, body: await res.json() };
  };
  const list = (entity: string, who = user()) =>
    request(portal.server)
      .get('/api/security-findings/findings')
      .query({ entity })
      .set('Authorization', who);

  it('refuses what it cannot apply, naming why, and stores nothing', async () => {
    const sarif = { entity: PAYMENTS, tool: 'trivy', format: 'sarif' };
    const refusals = [
      // A user, and a service that is not a listed reporter.
      [await post(sarif, user()).send(trivySarif()), 403, /not by users/],
      [await post(sarif, stranger).send(trivySarif()), 403, /reporters/],
      // Refused before the body is read: what it holds does not matter.
      [
        await post(sarif, stranger).type('json').send('{"runs": [[[[[['),
        403,
        /reporters/,
      ],
      // Not a SARIF this version.
      [
        await post(sarif).send({ version: '2.0.0', runs: [] }),
        400,
        /unsupported-version/,
      ],
      // Not JSON, and not an object.
      [
        await post(sarif).type('json').send('{"version": "2.1.0", "runs": ['),
        400,
        /./,
      ],
      [await post(sarif).send([1, 2]), 400, /object/],
      // A frame that is not SARIF's.
      [
        await post(sarif).send({ version: '2.1.0', runs: 'many' }),
        400,
        /invalid-shape/,
      ],
      // Nesting far deeper than any scanner writes.
      [
        await post(sarif)
          .type('json')
          .send(
            `{"version":"2.1.0","runs":${'['.repeat(5000)}${']'.repeat(5000)}}`,
          ),
        400,
        /too-deep/,
      ],
      // Unknown component, unknown format, a bad ref.
      [
        await post({ ...sarif, entity: 'component:default/nope' }).send(
          trivySarif(),
        ),
        404,
        /component:default\/nope/,
      ],
      [
        await post({ ...sarif, format: 'csv' }).send(trivySarif()),
        400,
        /format/,
      ],
      [
        await post({ ...sarif, entity: 'component:' }).send(trivySarif()),
        400,
        /entity/,
      ],
      // Over the limit (1 MiB in this test), plain and once inflated.
      [
        await post(sarif).send({
          version: '2.1.0',
          runs: [],
          padding: 'x'.repeat(1_100_000),
        }),
        413,
        /too large/i,
      ],
      [
        await postGzip(sarif, {
          version: '2.1.0',
          runs: [],
          padding: 'x'.repeat(1_100_000),
        }),
        413,
        /too large/i,
      ],
    ] as const;
    for (const [res, status, words] of refusals) {
      expect({ status: res.status, body: res.body }).toEqual({
        status,
        body: expect.objectContaining({
          error: expect.objectContaining({
            message: expect.stringMatching(words),
          }),
        }),
      });
    }
    expect(await stored(knex)).toEqual({ findings: 0, reports: 0 });
  });

  it('applies a full report, then fixes what a later one lacks, keeping first seen', async () => {
    const started = Date.now();
    const first = await post({
      entity: 'Component:default/Payments-API',
      tool: 'trivy',
      format: 'sarif',
    }).send(trivySarif());
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      entityRef: PAYMENTS,
      tool: 'trivy',
      format: 'sarif',
      findings: 4,
      opened: 4,
      stillOpen: 0,
      reopened: 0,
      fixed: 0,
      problemCount: 0,
    });

    const before = await list(PAYMENTS);
    expect(before.status).toBe(200);
    expect(before.body.total).toBe(4);
    for (const finding of before.body.items) {
      expect(finding).toMatchObject({
        entityRef: PAYMENTS,
        tool: 'trivy',
        category: 'image',
        discipline: 'devops',
        owner: 'group:default/payments-sre',
        status: 'open',
        slaState: 'within',
      });
      // PCI halves the clock: days of its severity x 0.5 from first seen.
      const days = { critical: 7, high: 30, medium: 90, low: 180 }[
        finding.severity as 'critical'
      ];
      const firstSeen = Date.parse(finding.firstSeen);
      expect(firstSeen).toBeGreaterThanOrEqual(started - 1000);
      expect(Date.parse(finding.dueAt) - firstSeen).toBe(days * 0.5 * DAY);
    }

    // The next full report lacks the first result: that finding is fixed.
    const next = trivySarif();
    next.runs[0].results.shift();
    const second = await postGzip(
      { entity: PAYMENTS, tool: 'trivy', format: 'sarif' },
      next,
    );
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ opened: 0, stillOpen: 3, fixed: 1 });

    const after = await list(PAYMENTS);
    expect(after.body.total).toBe(3);
    const firstSeenOf = new Map(
      before.body.items.map((f: any) => [f.fingerprint, f.firstSeen]),
    );
    for (const finding of after.body.items) {
      expect(finding.firstSeen).toBe(firstSeenOf.get(finding.fingerprint));
    }

    // It comes back: reopened, first seen kept.
    const third = await post({
      entity: PAYMENTS,
      tool: 'trivy',
      format: 'sarif',
    }).send(trivySarif());
    expect(third.body).toMatchObject({ opened: 0, stillOpen: 3, reopened: 1 });
    const again = await list(PAYMENTS);
    expect(again.body.total).toBe(4);
    const back = again.body.items.find((f: any) => f.reopenCount === 1);
    expect(back.firstSeen).toBe(firstSeenOf.get(back.fingerprint));
    expect(await stored(knex)).toEqual({ findings: 4, reports: 3 });
  });

  it('lists only the severities asked for (the lookup asks for critical and high), summary over all', async () => {
    await post({ entity: PAYMENTS, tool: 'trivy', format: 'sarif' }).send(
      trivySarif(),
    );
    const all = (await list(PAYMENTS)).body;
    const asked = await request(portal.server)
      .get('/api/security-findings/findings?severity=critical&severity=high')
      .query({ entity: PAYMENTS })
      .set('Authorization', user());
    expect(asked.status).toBe(200);
    // Trivy's Alpine 3.10 report holds four mediums: none critical or high.
    expect(all.total).toBe(4);
    expect(asked.body).toMatchObject({ total: 0, items: [] });
    expect(asked.body.summary).toEqual(all.summary);

    const one = await request(portal.server)
      .get('/api/security-findings/findings?severity=medium')
      .query({ entity: PAYMENTS })
      .set('Authorization', user());
    expect(one.body.total).toBe(4);

    const unknown = await request(portal.server)
      .get('/api/security-findings/findings?severity=urgent')
      .query({ entity: PAYMENTS })
      .set('Authorization', user());
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toMatch(/severity/);
  });

  it('shows a component only to those the catalog lets read it', async () => {
    const vault = 'component:default/vault-core';
    const posted = await post({
      entity: vault,
      tool: 'gitleaks',
      format: 'sarif',
    }).send(JSON.parse(commonFixture('gitleaks-simple.sarif')));
    expect(posted.status).toBe(200);

    const denied = await list(vault, user('user:default/guest'));
    expect(denied.status).toBe(404);
    const allowed = await list(vault, user('user:default/sam'));
    expect(allowed.status).toBe(200);
    expect(allowed.body.items).toEqual([
      expect.objectContaining({ category: 'secret', discipline: 'devops' }),
    ]);
    // A service may not read findings through this route.
    expect((await list(vault, reporter)).status).toBe(403);
  });

  // Last: it adds findings to payments-api that the tests above count.
  it('finds the component by its repository or image annotation; what none or two claim is refused and listed for SecOps', async () => {
    const report = { tool: 'gitleaks', format: 'sarif' };
    const outcome = async (query: Record<string, string>) => {
      const res = await post({ ...report, ...query }).send(trivySarif());
      return {
        status: res.status,
        said: res.status === 200 ? res.body.entityRef : res.body.error.message,
      };
    };
    // As a pipeline names itself: its repository (URL or slug), its image.
    expect(
      await outcome({
        repository: 'https://github.com/Northbridge/Payments-API.git',
      }),
    ).toEqual({ status: 200, said: PAYMENTS });
    expect(
      await outcome({
        image:
          'registry.bank.example/payments/api:2.0.1@sha256:58fe87ff24d5a3ac35c887dcef82eb619565987c1083282f876c7c2657a5f94e',
        tool: 'trivy-image',
      }),
    ).toEqual({ status: 200, said: PAYMENTS });
    expect(
      await outcome({ repository: 'gitlab.com/northbridge/batch/orphan' }),
    ).toEqual({ status: 200, said: 'component:default/orphan-batch' });

    const before = await stored(knex);
    expect(
      await outcome({ repository: 'github.com/northbridge/shared-batch' }),
    ).toEqual({
      status: 409,
      said: 'component:default/vault-core and component:default/orphan-batch both carry github.com/project-slug=northbridge/shared-batch: name the component by entity',
    });
    expect(await outcome({ image: 'registry.bank.example/fraud/x:1' })).toEqual(
      {
        status: 404,
        said: 'No component in the catalog carries integrated-ops.io/container-image=registry.bank.example/fraud/x',
      },
    );
    // Named twice, not at all, or not as a repository or image: 400.
    const refused: Record<string, string>[] = [
      { entity: PAYMENTS, image: 'registry.bank.example/payments/api' },
      {},
      { repository: 'bitbucket.org/northbridge/payments-api' },
      { image: 'Registry/Payments API' },
    ];
    for (const query of refused) {
      expect(await outcome(query)).toEqual({
        status: 400,
        said: expect.stringMatching(
          /exactly one of entity, repository or image|is not github.com|is not an image reference/,
        ),
      });
    }
    expect(await stored(knex)).toEqual(before);

    const secops = await request(portal.server)
      .get('/api/security-findings/overview')
      .set('Authorization', user());
    expect(secops.body.unrouted.map((u: { label: string }) => u.label)).toEqual(
      expect.arrayContaining([
        'github.com/project-slug=northbridge/shared-batch',
        'integrated-ops.io/container-image=registry.bank.example/fraud/x',
      ]),
    );
  });
});
