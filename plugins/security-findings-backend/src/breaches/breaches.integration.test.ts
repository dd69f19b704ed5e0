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
      graceMinutes: 5,
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

    // The report woke the breach check: the four told once, in one
    // notification to the DevOps owner (one per component and team).
    await waitFor(() => notifications.sent.length >= 1);
    expect(notifications.sent).toEqual([
      {
        recipients: {
          type: 'entity',
          entityRef: ['group:default/payments-sre'],
        },
        payload: expect.objectContaining({
          title:
            'SLA breached: 4 findings on component:default/payments-api (4 medium)',
          link: '/catalog/default/component/payments-api',
          topic: 'security-findings.breach',
          // Scanner text quoted and named as the scanner's.
          description: expect.stringMatching(
            /^medium devops finding of trivy: "CVE-2019-1549" \(due .*, group:default\/payments-sre\); /,
          ),
        }),
      },
    ]);
    expect(
      await knex('security_findings')
        .whereNotNull('breach_notified_at')
        .pluck('id'),
    ).toHaveLength(breached.length);

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
    // Each replica told what it claimed: every finding in exactly one message.
    const toldCounts = sent.map(n =>
      Number(/: (\d+) findings? on /.exec(n.payload.title)![1]),
    );
    expect(toldCounts.reduce((x, y) => x + y, 0)).toBe(Number(escalated[0].n));
    expect(sent[0]).toMatchObject({
      recipients: { entityRef: ['group:default/soc-tier2'] },
      payload: { title: expect.stringMatching(/^Escalated, still past SLA: /) },
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
    // Read, a finding shows the owner the catalog names now at once.
    const shown = await request(portal.server)
      .get('/api/security-findings/findings')
      .query({ entity: PAYMENTS })
      .set('Authorization', mockCredentials.user.header());
    expect(
      new Set(
        shown.body.items
          .filter((f: any) => f.discipline === 'devops')
          .map((f: any) => f.owner),
      ),
    ).toEqual(new Set(['group:default/payments-sre']));
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
    // The team of now had not been told: it hears of the breaches anew.
    const sent: any[] = [];
    expect(
      (await notifier(async () => [], new Date(), sent).run()).notified,
    ).toBe(4);
    expect(sent[0].recipients.entityRef).toEqual([
      'group:default/payments-sre',
    ]);
  });

  it('holds back a breach whose team the catalog names no members of yet, and tells it once it does', async () => {
    await knex('security_findings').update({
      breach_notified_at: null,
      escalated_at: null,
    });
    let members = false;
    const sent: any[] = [];
    const held = new BreachNotifier({
      db: knex,
      notifications: {
        async send(n) {
          sent.push(n);
        },
      },
      onCall: async () => [],
      sla: DEFAULT_SLA_POLICY,
      logger: mockServices.logger.mock(),
      entityPath,
      graceMinutes: 5,
      unknownRecipients: async refs => (members ? [] : refs),
    });
    expect((await held.run()).notified).toBe(0);
    expect(sent).toEqual([]);
    expect(
      await knex('security_findings')
        .whereNotNull('breach_notified_at')
        .pluck('id'),
    ).toEqual([]);
    members = true;
    expect((await held.run()).notified).toBeGreaterThan(0);
    expect(sent.length).toBeGreaterThan(0);
  });

  it('tells the SOC tier of a breach without an owner once, one check after it arrived', async () => {
    const res = await request(portal.server)
      .post('/api/security-findings/reports')
      .query({ entity: 'orphan-batch', tool: 'trivy', format: 'sarif' })
      .set('Authorization', reporter)
      .send(trivyFirstDetected(100));
    expect(res.status).toBe(200);
    const sent: any[] = [];
    // Just arrived: the catalog may still be inheriting its owners.
    expect(await notifier(async () => [], new Date(), sent).run()).toEqual({
      notified: 0,
      escalated: 0,
    });
    const later = new Date(Date.now() + 6 * 60_000);
    expect(await notifier(async () => [], later, sent).run()).toEqual({
      notified: 4,
      escalated: 0,
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      recipients: { entityRef: ['group:default/soc-tier2'] },
      payload: {
        title:
          'SLA breached, no owner: 4 findings on component:default/orphan-batch (4 medium)',
      },
    });
    // Not escalated to the same tier a second time.
    const dayAfter = new Date(Date.now() + 2 * DAY);
    await notifier(async () => [], dayAfter, sent).run();
    expect(
      sent.filter(n => n.payload.title.includes('orphan-batch')),
    ).toHaveLength(1);
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

    const before = notifications.sent.length;
    const back = await post(trivyFirstDetected(45.5));
    expect(back.body.reopened).toBe(fixed.body.fixed);
    // The report wakes the check again and this run looks too: whichever
    // claims a finding tells it, each of the four exactly once.
    const sent: any[] = [];
    await notifier(async () => [], new Date(), sent).run();
    const toldAnew = () =>
      [...notifications.sent.slice(before), ...sent]
        .map(n => /^SLA breached: (\d+) findings? on /.exec(n.payload.title))
        .reduce((sum, m) => sum + Number(m?.[1] ?? 0), 0);
    await waitFor(() => toldAnew() >= 4);
    expect(toldAnew()).toBe(4);
    // Its old due date is long past, but the team was only just told: the
    // SOC tier is not paged on a flap, only escalateAfterHours later.
    expect(
      [...notifications.sent.slice(before), ...sent].filter(n =>
        n.payload.title.startsWith('Escalated'),
      ),
    ).toEqual([]);
  });

  it('tells each breach once when two replicas check at the same instant', async () => {
    // Every open breach untold again, then two checks racing over them.
    const breached = await knex('security_findings')
      .where('status', 'open')
      .where('due_at', '<=', new Date().toISOString())
      .whereNull('accepted_request')
      .update({ breach_notified_at: null, escalated_at: null });
    expect(breached).toBeGreaterThan(0);
    const [a, b]: any[][] = [[], []];
    const at = new Date();
    await Promise.all([
      notifier(async () => [], at, a).run(),
      notifier(async () => [], at, b).run(),
    ]);
    const told = [...a, ...b].map(
      n => n.payload.scope.split('.').slice(2) as string[],
    );
    const ids = told.flat().sort();
    // Each finding claimed is told by one of them, once.
    const claimed = await knex('security_findings')
      .whereNotNull('breach_notified_at')
      .pluck('id');
    expect(claimed.length).toBeGreaterThanOrEqual(4);
    expect(ids).toEqual(claimed.map(String).sort());
  });
});

async function waitFor(condition: () => boolean, ms = 20_000) {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise(r => setTimeout(r, 50));
  }
}
