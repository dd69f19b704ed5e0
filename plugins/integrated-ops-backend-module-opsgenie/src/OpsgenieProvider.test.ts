import { Server } from 'node:http';
import { OpsgenieClient } from './OpsgenieClient';
import { OpsgenieProvider } from './OpsgenieProvider';
import {
  acknowledgeAlert,
  FakeOpsgenieState,
  startFakeOpsgenie,
} from './__testUtils__/fakeOpsgenie';

const at = new Date('2026-03-04T12:00:00Z');
const signal = () => AbortSignal.timeout(5000);

describe('OpsgenieProvider against a server shaped like the Opsgenie REST API v2', () => {
  let server: Server;
  let state: FakeOpsgenieState;
  let provider: OpsgenieProvider;

  beforeEach(async () => {
    const fake = await startFakeOpsgenie({
      schedules: [
        {
          id: 'c3f1-soc1',
          name: 'soc-tier1_schedule',
          timezone: 'Europe/London',
          rotations: [
            {
              name: 'weekly',
              order: 1,
              periods: [
                {
                  startDate: '2026-03-02T09:00:00Z',
                  endDate: '2026-03-04T10:00:00Z',
                  type: 'default',
                  user: 'priya.nair@bank.example',
                },
                // An override in the final timeline: Sam covers the afternoon.
                {
                  startDate: '2026-03-04T10:00:00Z',
                  endDate: '2026-03-04T18:00:00Z',
                  type: 'override',
                  user: 'sam.okafor@bank.example',
                },
                {
                  startDate: '2026-03-04T18:00:00Z',
                  endDate: '2026-03-09T09:00:00Z',
                  type: 'default',
                  user: 'priya.nair@bank.example',
                },
              ],
            },
          ],
        },
        {
          id: 'empty-1',
          name: 'empty',
          timezone: 'UTC',
          rotations: [{ name: 'r', order: 1, periods: [] }],
        },
      ],
    });
    server = fake.server;
    state = fake.state;
    provider = new OpsgenieProvider(
      new OpsgenieClient({ baseUrl: fake.url, apiKey: 'og-test-key' }),
    );
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise(r => server.close(r));
  });

  it('names who is on call now with overrides applied, until when, and who is next', async () => {
    await expect(provider.shift('c3f1-soc1', at, signal())).resolves.toEqual({
      schedule: 'c3f1-soc1',
      name: 'soc-tier1_schedule',
      timeZone: 'Europe/London',
      onCall: {
        name: 'sam.okafor@bank.example',
        email: 'sam.okafor@bank.example',
      },
      from: '2026-03-04T10:00:00.000Z',
      until: '2026-03-04T18:00:00.000Z',
      next: {
        name: 'priya.nair@bank.example',
        email: 'priya.nair@bank.example',
      },
    });
    const timeline = state.requests.find(u =>
      u.pathname.endsWith('/timeline'),
    )!;
    expect(timeline.searchParams.get('date')).toBe(at.toISOString());
  });

  it("finds a team's default schedule by name from opsgenie.com/team", async () => {
    const team = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: {
        name: 'soc-tier1',
        annotations: { 'opsgenie.com/team': 'soc-tier1' },
      },
    };
    const [reference] = provider.references(team).schedules;
    expect(reference).toBe('name:soc-tier1_schedule');
    const shift = await provider.shift(reference, at, signal());
    expect(shift.onCall?.email).toBe('sam.okafor@bank.example');
    expect(
      state.requests.every(
        u => u.searchParams.get('identifierType') === 'name',
      ),
    ).toBe(true);
  });

  it('says nobody is on call on an empty schedule', async () => {
    const shift = await provider.shift('empty-1', at, signal());
    expect([shift.onCall, shift.next, shift.until]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it.each([
    [401, 'Opsgenie refused the API token (HTTP 401)'],
    [429, 'Opsgenie is rate limiting the portal (HTTP 429)'],
    [500, 'Opsgenie answered HTTP 500'],
  ])('explains HTTP %s in words', async (status, message) => {
    state.failWith = status;
    await expect(provider.shift('c3f1-soc1', at, signal())).rejects.toThrow(
      message,
    );
  });

  it('explains an unknown schedule', async () => {
    await expect(provider.shift('nope', at, signal())).rejects.toThrow(
      'Opsgenie does not know it (HTTP 404)',
    );
  });

  it('pages the team with a P1 alert aliased by the page and reads back who acknowledged', async () => {
    const team = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: {
        name: 'soc-tier1',
        annotations: { 'opsgenie.com/team': 'soc-tier1' },
      },
    };
    const page = {
      id: '9a7e',
      summary: 'Paged by Raj Patel: Fraud Scoring Service (SecOps)',
      query: '10.20.3.14',
      entityRef: 'component:default/fraud-scoring-service',
      discipline: 'secops',
      teamRef: 'group:default/soc-tier1',
      pagedBy: 'user:default/raj.patel',
      note: 'Credential stuffing',
      link: 'http://portal/ops-lookup?page=9a7e',
    };
    const sent = await provider.page(team, page, signal());
    expect(sent?.key).toBe('integrated-ops-page-9a7e');
    expect(sent?.said).toMatch(/^Opsgenie: alert for team soc-tier1 accepted/);
    expect(state.alerts[0]).toMatchObject({
      alias: 'integrated-ops-page-9a7e',
      priority: 'P1',
      responders: [{ type: 'team', name: 'soc-tier1' }],
      details: { pagedBy: 'user:default/raj.patel' },
    });
    await expect(
      provider.pageState(team, sent!.key, signal()),
    ).resolves.toEqual({ state: 'triggered' });
    acknowledgeAlert(state, sent!.key, 'sam.okafor@bank.example', 90_000);
    const acked = await provider.pageState(team, sent!.key, signal());
    expect(acked).toMatchObject({
      state: 'acknowledged',
      acknowledgedBy: {
        name: 'sam.okafor@bank.example',
        email: 'sam.okafor@bank.example',
      },
    });
    expect(
      Date.parse(acked!.acknowledgedAt!) -
        Date.parse(state.alerts[0].createdAt),
    ).toBe(90_000);
    // Not created yet (Opsgenie creates alerts asynchronously): unknown.
    await expect(
      provider.pageState(team, 'integrated-ops-page-none', signal()),
    ).resolves.toBeUndefined();
    // A team without an Opsgenie team: nothing sent.
    await expect(
      provider.page({ ...team, metadata: { name: 'x' } }, page, signal()),
    ).resolves.toBeUndefined();
  });
});
