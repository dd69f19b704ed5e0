import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { DEFAULT_SLA_POLICY } from '@integrated-ops/plugin-security-findings-common';
import { Knex } from 'knex';
import request from 'supertest';
import {
  commonFixture,
  recordingNotifications,
  startFindingsPortal,
  testCatalog,
} from '../__testUtils__/findingsPortal';
import { entityPath } from '../plugin';
import { BreachNotifier } from './BreachNotifier';
import { rerouteOpenFindings } from './rerouteOpenFindings';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const reporter = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('ci-scanner'),
  targetPluginId: 'security-findings',
});
const DAY = 86_400_000;
const PAYMENTS = 'component:default/payments-api';

/** Trivy's SARIF, each result first detected `daysAgo` days ago as the scanner says. */
function trivyFirstDetected(daysAgo: number) {
  const doc = JSON.parse(commonFixture('trivy-alpine-310.sarif'));
  const at = new Date(Date.now() - daysAgo * DAY).toISOString();
  for (const result of doc.runs[0].results) {
    result.provenance = { firstDetectionTimeUtc: at };
  }
  return doc;
}

describe.each(databases.eachSupportedId())('SLA breaches on %p', databaseId => {
  let knex: Knex;
  let portal: Awaited<ReturnType<typeof startFindingsPortal>>;
  const notifications = recordingNotifications();

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    portal = await startFindingsPortal(
      knex,
      {
        reporters: ['ci-scanner'],
        sla: { escalateTo: 'group:default/soc-tier2', escalateAfterHours: 24 },
      },
      notifications,
    );
  });
  afterAll(() => portal.stop());

  const post = (body: object) =>
    request(portal.server)
      .post('/api/security-findings/reports')
      .query({ entity: PAYMENTS, tool: 'trivy', format: 'sarif' })
      .set('Authorization', reporter)
      .send(body);

  const notifier = (
    onCall: (team: string) => Promise<string[]>,
    now: Date,
    sent = notifications.sent,
  ) =>
    new BreachNotifier({
      db: knex,
      notifications: {
        async send(n) {
          sent.push(n);
        },
      },
      onCall,
      sla: {
        ...DEFAULT_SLA_POLICY,
        escalateTo: 'group:default/soc-tier2',
        escalateAfterHours: 24,
      },
      logger: mockServices.logger.mock(),
      entityPath,
      now: () => now,
    });

  it('tells a report past its SLA to the owning team at once, once, and the card counts it', async () => {
    // Alpine 3.10's four medium CVEs, first seen by the scanner 45.5 days
    // ago: on a PCI component (90 days halved) due 12 hours ago.
    const res = await post(trivyFirstDetected(45.5));
    expect(res.status).toBe(200);
    const breached = await knex('security_findings')
      .where('status', 'open')
      .where('due_at', '<=', new Date().toISOString())
      .select('id', 'severity', 'owner_ref');
    expect(breached.length).toBeGreaterThan(0);

    // The report woke the breach check: each breach told once, to the DevOps owner.
    await waitFor(() => notifications.sent.length >= breached.length);
    const told = notifications.sent.filter(n =>
      n.payload.title.startsWith('SLA breached'),
    );
    expect(told).toHaveLength(breached.length);
    expect(told[0]).toMatchObject({
      recipients: { type: 'entity', entityRef: ['group:default/payments-sre'] },
      payload: {
        link: '/catalog/default/component/payments-api',
        topic: 'security-findings.breach',
      },
    });
    expect(new Set(told.map(n => n.payload.scope)).size).toBe(told.length);

    const list = await request(portal.server)
      .get('/api/security-findings/findings')
      .query({ entity: PAYMENTS })
      .set('Authorization', mockCredentials.user.header());
    expect(list.body.summary.breached).toBe(breached.length);
    expect(list.body.summary.bySeverity).toEqual({
      critical: 0,
      high: 0,
      medium: 4,
      low: 0,
      info: 0,
    });
    expect(list.body.summary.oldestDue).toBe(list.body.items[0].dueAt);

    // The same report again, and another run: nobody is told twice.
    expect((await post(trivyFirstDetected(45.5))).status).toBe(200);
    const again = await notifier(async () => [], new Date()).run();
    expect(again.notified).toBe(0);
  });

  it('escalates to the SOC tier a day later, once, and the on-call hears of a new breach with the team', async () => {
    const sent: any[] = [];
    const tomorrow = new Date(Date.now() + 1.5 * DAY);
    // Two replicas at once: each breach escalated exactly once.
    const [a, b] = await Promise.all([
      notifier(async () => [], tomorrow, sent).run(),
      notifier(async () => [], tomorrow, sent).run(),
    ]);
    const escalated = await knex('security_findings')
      .whereNotNull('escalated_at')
      .count({ n: '*' });
    expect(a.escalated + b.escalated).toBe(Number(escalated[0].n));
    expect(sent).toHaveLength(Number(escalated[0].n));
    expect(sent[0]).toMatchObject({
      recipients: { entityRef: ['group:default/soc-tier2'] },
      payload: { title: expect.stringMatching(/^Escalated: /) },
    });

    // A secret found today is due in 45 days: then the team and its on-call are told.
    const secret = await request(portal.server)
      .post('/api/security-findings/reports')
      .query({ entity: PAYMENTS, tool: 'gitleaks', format: 'sarif' })
      .set('Authorization', reporter)
      .send(JSON.parse(commonFixture('gitleaks-simple.sarif')));
    expect(secret.status).toBe(200);
    const later: any[] = [];
    const run = await notifier(
      async team =>
        team === 'group:default/payments-sre' ? ['user:default/ana'] : [],
      new Date(Date.now() + 47 * DAY),
      later,
    ).run();
    expect(run.notified).toBeGreaterThan(0);
    expect(
      later.find(n => n.payload.title.startsWith('SLA breached')),
    ).toMatchObject({
      recipients: {
        entityRef: ['group:default/payments-sre', 'user:default/ana'],
      },
    });
  });

  it('moves open findings to the owner the catalog names now', async () => {
    await knex('security_findings')
      .where({ status: 'open', discipline: 'devops' })
      .update({ owner_ref: 'group:default/former-team' });
    const moved = await rerouteOpenFindings({
      db: knex,
      catalog: testCatalog,
      auth: mockServices.auth(),
    });
    expect(moved).toBe(1);
    expect(
      await knex('security_findings')
        .where({ status: 'open', discipline: 'devops' })
        .distinct('owner_ref'),
    ).toEqual([{ owner_ref: 'group:default/payments-sre' }]);
    // Nothing differs now: nothing is written.
    expect(
      await rerouteOpenFindings({
        db: knex,
        catalog: testCatalog,
        auth: mockServices.auth(),
      }),
    ).toBe(0);
  });

  it('tells a fixed finding that comes back and breaches again as a new breach', async () => {
    const fixed = await post({
      ...trivyFirstDetected(45.5),
      runs: [{ ...trivyFirstDetected(45.5).runs[0], results: [] }],
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body.fixed).toBeGreaterThan(0);
    expect(
      await knex('security_findings')
        .whereNotNull('breach_notified_at')
        .count({ n: '*' }),
    ).toEqual([{ n: expect.anything() }]);
    const untold = await knex('security_findings')
      .where('status', 'fixed')
      .whereNull('breach_notified_at')
      .whereNull('escalated_at')
      .count({ n: '*' });
    expect(Number(untold[0].n)).toBe(fixed.body.fixed);

    const back = await post(trivyFirstDetected(45.5));
    expect(back.body.reopened).toBe(fixed.body.fixed);
    const sent: any[] = [];
    const run = await notifier(async () => [], new Date(), sent).run();
    expect(run.notified).toBeGreaterThan(0);
  });
});

async function waitFor(condition: () => boolean, ms = 20_000) {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise(r => setTimeout(r, 50));
  }
}
