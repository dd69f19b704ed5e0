import { Server } from 'node:http';
import { PagerDutyClient } from './PagerDutyClient';
import { PagerDutyProvider } from './PagerDutyProvider';
import {
  acknowledge,
  FakePagerDutyState,
  FakeUser,
  startFakePagerDuty,
} from './__testUtils__/fakePagerDuty';

const li: FakeUser = {
  id: 'PLIWEI1',
  name: 'Li Wei',
  email: 'li.wei@bank.example',
};
const omar: FakeUser = {
  id: 'POMAR01',
  name: 'Omar Haddad',
  email: 'omar.haddad@bank.example',
};
const at = new Date('2026-03-04T12:00:00Z');
const signal = () => AbortSignal.timeout(5000);

describe('PagerDutyProvider against a server shaped like PagerDuty REST API v2', () => {
  let server: Server;
  let state: FakePagerDutyState;
  let provider: PagerDutyProvider;

  beforeEach(async () => {
    const fake = await startFakePagerDuty({
      schedules: [
        {
          id: 'PSCHED1',
          name: 'NetOps DC primary',
          time_zone: 'Europe/Warsaw',
        },
      ],
      policies: [
        {
          id: 'PPOL001',
          name: 'NetOps DC',
          rules: [
            {
              delay: 15,
              targets: [{ id: 'PSCHED1', type: 'schedule_reference' }],
            },
            { delay: 30, targets: [{ id: omar.id, type: 'user_reference' }] },
          ],
        },
      ],
      onCalls: [
        // Times as PagerDuty writes them in the schedule's zone (+01:00).
        {
          user: li,
          scheduleId: 'PSCHED1',
          policyId: 'PPOL001',
          level: 1,
          start: '2026-03-02T09:00:00+01:00',
          end: '2026-03-05T09:00:00+01:00',
        },
        {
          user: omar,
          scheduleId: 'PSCHED1',
          policyId: 'PPOL001',
          level: 1,
          start: '2026-03-05T09:00:00+01:00',
          end: '2026-03-09T09:00:00+01:00',
        },
        // Level 2: a user directly on the policy (no schedule, no times).
        {
          user: omar,
          scheduleId: null,
          policyId: 'PPOL001',
          level: 2,
          start: null,
          end: null,
        },
      ],
    });
    server = fake.server;
    state = fake.state;
    provider = new PagerDutyProvider(
      new PagerDutyClient({ baseUrl: fake.url, token: 'pd-test-token' }),
      fake.url,
    );
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise(r => server.close(r));
  });

  it('names who is on call now, until when in UTC, and who is next', async () => {
    await expect(provider.shift('PSCHED1', at, signal())).resolves.toEqual({
      schedule: 'PSCHED1',
      name: 'NetOps DC primary',
      timeZone: 'Europe/Warsaw',
      onCall: { name: 'Li Wei', email: 'li.wei@bank.example' },
      from: '2026-03-02T08:00:00.000Z',
      until: '2026-03-05T08:00:00.000Z',
      next: { name: 'Omar Haddad', email: 'omar.haddad@bank.example' },
    });
  });

  it('follows pagination until PagerDuty says there is no more', async () => {
    // 250 one-hour shifts: three pages of 100; the one at `at` is on the third.
    state.onCalls = Array.from({ length: 250 }, (_, i) => ({
      user: i === 220 ? li : omar,
      scheduleId: 'PSCHED1',
      policyId: 'PPOL001',
      level: 1,
      start: new Date(
        at.getTime() + (i === 220 ? -1800_000 : (i + 1) * 3600_000),
      ).toISOString(),
      end: new Date(
        at.getTime() + (i === 220 ? 1800_000 : (i + 2) * 3600_000),
      ).toISOString(),
    }));
    const shift = await provider.shift('PSCHED1', at, signal());
    expect(shift.onCall?.name).toBe('Li Wei');
    expect(state.onCallQueries.map(q => q.get('offset'))).toEqual([
      '0',
      '100',
      '200',
    ]);
  });

  it('says nobody is on call on an empty schedule, and when it starts', async () => {
    state.onCalls = [];
    const shift = await provider.shift('PSCHED1', at, signal());
    expect(shift.onCall).toBeUndefined();
    expect(shift.next).toBeUndefined();
  });

  it('gives the escalation policy levels with who is on call at each', async () => {
    await expect(
      provider.escalationPolicy('PPOL001', at, signal()),
    ).resolves.toEqual({
      id: 'PPOL001',
      name: 'NetOps DC',
      levels: [
        {
          level: 1,
          delayMinutes: 15,
          onCall: [{ name: 'Li Wei', email: 'li.wei@bank.example' }],
        },
        {
          level: 2,
          delayMinutes: 30,
          onCall: [{ name: 'Omar Haddad', email: 'omar.haddad@bank.example' }],
        },
      ],
    });
  });

  it.each([
    [
      401,
      'PagerDuty refused the API token (HTTP 401); check its configuration',
    ],
    [429, 'PagerDuty is rate limiting the portal (HTTP 429, retry after 30s)'],
    [500, 'PagerDuty answered HTTP 500'],
  ])('explains HTTP %s in words', async (status, message) => {
    state.failWith = status;
    await expect(provider.shift('PSCHED1', at, signal())).rejects.toThrow(
      message,
    );
  });

  it('explains a wrong token and an unknown schedule', async () => {
    const wrong = new PagerDutyProvider(
      new PagerDutyClient({
        baseUrl: `http://127.0.0.1:${(server.address() as any).port}/`,
        token: 'nope',
      }),
      '',
    );
    await expect(wrong.shift('PSCHED1', at, signal())).rejects.toThrow(
      'refused the API token',
    );
    await expect(provider.shift('PNOSUCH', at, signal())).rejects.toThrow(
      'PagerDuty does not know it (HTTP 404)',
    );
  });

  it('reads schedules and policies from the team annotations', () => {
    expect(
      provider.references({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: {
          name: 'netops-dc',
          annotations: {
            'pagerduty.com/schedule-id': 'PSCHED1, PSCHED2',
            'pagerduty.com/escalation-policy-id': 'PPOL001',
          },
        },
      }),
    ).toEqual({
      schedules: ['PSCHED1', 'PSCHED2'],
      escalationPolicies: ['PPOL001'],
    });
  });

  it('triggers and resolves through the Events API with the team routing key and the fingerprint', async () => {
    const team = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: {
        name: 'soc-tier1',
        annotations: {
          'pagerduty.com/integration-key': 'R0UTINGKEY0000000000000000000001',
        },
      },
    };
    const alert = {
      fingerprint: 'f00d',
      status: 'firing' as const,
      summary: 'TLS handshake failures on fraud scoring',
      severity: 'critical' as const,
      source: '10.20.3.14:8443',
      entityRef: 'component:default/fraud-scoring-service',
      discipline: 'secops',
      teamRef: 'group:default/soc-tier1',
      labels: { alertname: 'TlsFailures' },
    };
    await expect(provider.forwardAlert(team, alert, signal())).resolves.toMatch(
      'trigger success',
    );
    await provider.forwardAlert(
      team,
      { ...alert, status: 'resolved' },
      signal(),
    );
    expect(
      state.events.map(e => [
        e.routing_key,
        e.event_action,
        e.dedup_key,
        e.payload?.source,
      ]),
    ).toEqual([
      [
        'R0UTINGKEY0000000000000000000001',
        'trigger',
        'f00d',
        '10.20.3.14:8443',
      ],
      ['R0UTINGKEY0000000000000000000001', 'resolve', 'f00d', undefined],
    ]);
    await expect(
      provider.forwardAlert(
        { ...team, metadata: { name: 'x' } },
        alert,
        signal(),
      ),
    ).resolves.toBeUndefined();
  });

  it('pages the team service and reads back who acknowledged, by the page dedup key', async () => {
    const team = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: {
        name: 'netops-dc',
        annotations: {
          'pagerduty.com/integration-key': 'R0UTINGKEY0000000000000000000002',
        },
      },
    };
    const page = {
      id: '6f1c',
      summary: 'Paged from the portal: Fraud Scoring Service (NetOps)',
      query: '10.20.3.14',
      entityRef: 'component:default/fraud-scoring-service',
      discipline: 'netops',
      teamRef: 'group:default/netops-dc',
      pagedBy: 'user:default/raj.patel',
      note: 'TLS errors from the edge',
      link: 'http://portal/ops-lookup/pages/6f1c',
    };
    const sent = await provider.page(team, page, signal());
    expect(sent).toEqual({
      key: 'integrated-ops-page-6f1c',
      said: 'PagerDuty Events API: trigger success (dedup key integrated-ops-page-6f1c)',
    });
    expect(state.events[0]).toMatchObject({
      routing_key: 'R0UTINGKEY0000000000000000000002',
      event_action: 'trigger',
      dedup_key: 'integrated-ops-page-6f1c',
      payload: {
        severity: 'critical',
        source: '10.20.3.14',
        custom_details: { paged_by: 'user:default/raj.patel' },
      },
      links: [{ href: 'http://portal/ops-lookup/pages/6f1c' }],
    });
    await expect(
      provider.pageState(team, sent!.key, signal()),
    ).resolves.toEqual({ state: 'triggered' });

    acknowledge(state, sent!.key, li, '2026-03-04T12:03:00+01:00');
    await expect(
      provider.pageState(team, sent!.key, signal()),
    ).resolves.toEqual({
      state: 'acknowledged',
      acknowledgedBy: { name: 'Li Wei', email: 'li.wei@bank.example' },
      acknowledgedAt: '2026-03-04T11:03:00.000Z',
    });
    // An unknown key: PagerDuty has no incident (yet).
    await expect(
      provider.pageState(team, 'integrated-ops-page-none', signal()),
    ).resolves.toBeUndefined();
    // A team without a service: nothing sent.
    await expect(
      provider.page({ ...team, metadata: { name: 'x' } }, page, signal()),
    ).resolves.toBeUndefined();
  });
});
