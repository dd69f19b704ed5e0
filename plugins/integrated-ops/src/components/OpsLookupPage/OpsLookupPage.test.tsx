import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeOpsApi,
  integratedOpsApiRef,
  renderWithApis,
} from '../../__testUtils__/renderWithApis';
import {
  blastRadiusResponse,
  gapAnswer,
  incidentCommand,
  freshIndex,
  lookupResponse,
  scoringAnswer,
  scoringMatch,
} from '../../__testUtils__/fixtures';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { useLookupAnswerEntity } from '@integrated-ops/plugin-integrated-ops-react';
import { OpsLookupPage } from './OpsLookupPage';

function answeringApi() {
  return fakeOpsApi({
    lookup: jest.fn(async q => lookupResponse(q, [scoringMatch()])),
    blastRadius: jest.fn(async () => blastRadiusResponse()),
  });
}

/** A no-match answer's nearest: the Data segment, with the owners given. */
const nearestDataSegment = (why: string, owners: any) => ({
  entityRef: 'resource:default/seg-data',
  why,
  summary: {
    entity: {
      ref: 'resource:default/seg-data',
      kind: 'Resource',
      title: 'Data segment',
    },
    owners,
  },
});

describe('OpsLookupPage', () => {
  it('asks as of a past moment and says what the answer rests on', async () => {
    const asOf = '2026-11-02T02:13:00.000Z';
    const api = fakeOpsApi({
      lookup: jest.fn(async (q, options) => {
        const response = lookupResponse(q, [scoringMatch()]);
        response.query.asOf = options?.asOf;
        response.matches[0].answer!.history = {
          asOf: options?.asOf,
          known: true,
          ownersRecordedAt: '2026-10-01T08:00:00.000Z',
          changes: [
            {
              id: 'cr-20261101-abc123',
              title: 'Open 8443 to fraud-scoring-service',
              kind: 'network-access',
              state: 'applied',
              requestedBy: 'user:default/tom.becker',
              requestedAt: '2026-11-01T10:00:00.000Z',
              approvals: [
                {
                  role: 'netops',
                  by: 'user:default/priya.nair',
                  at: '2026-11-01T11:00:00.000Z',
                },
              ],
              appliedAt: '2026-11-01T11:01:00.000Z',
            },
          ],
        };
        return response;
      }),
      blastRadius: jest.fn(async () => blastRadiusResponse()),
    });
    await renderWithApis(<OpsLookupPage />, [[integratedOpsApiRef, api]], {
      routeEntries: [`/?q=scoring&asOf=${asOf}`],
    });
    const changes = await screen.findByRole('region', {
      name: 'Change requests by then',
    });
    expect(api.lookup).toHaveBeenCalledWith('scoring', { asOf });
    expect(changes).toHaveTextContent('Open 8443 to fraud-scoring-service');
    expect(changes).toHaveTextContent(
      'approved by user:default/priya.nair (netops)',
    );
    expect(
      screen.getByText(/Owners, teams and on-call as they were then/),
    ).toBeInTheDocument();
    // The dependency graph has no history: no blast radius as of then.
    expect(
      screen.getByText(/The blast radius is not kept over time/),
    ).toBeInTheDocument();
    expect(api.blastRadius).not.toHaveBeenCalled();
  });

  it('says only that the owners are unknown before the history starts: no owner blocks, nothing to copy', async () => {
    const asOf = '2025-01-02T02:13:00.000Z';
    const api = fakeOpsApi({
      lookup: jest.fn(async (q, options) => {
        const response = lookupResponse(q, [scoringMatch()]);
        response.query.asOf = options?.asOf;
        response.matches[0].answer!.history = {
          asOf: options?.asOf,
          known: false,
          historyStartsAt: '2026-11-01T00:00:00.000Z',
          changes: [],
        };
        return response;
      }),
    });
    await renderWithApis(<OpsLookupPage />, [[integratedOpsApiRef, api]], {
      routeEntries: [`/?q=scoring&asOf=${asOf}`],
    });
    expect(
      await screen.findByText(/Nothing was recorded for this entity by then/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('region', { name: 'NetOps owner' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Copy who to page' }),
    ).not.toBeInTheDocument();
  });

  it('refuses an "as of" that is no time, saying how to write one', async () => {
    const api = answeringApi();
    await renderWithApis(<OpsLookupPage />, [[integratedOpsApiRef, api]]);
    await userEvent.type(
      screen.getByRole('textbox', { name: 'As of (optional)' }),
      'last night',
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Name, hostname, URL or IP' }),
      'scoring{Enter}',
    );
    expect(
      await screen.findByText('Not a time: write it as 2026-11-02 02:13'),
    ).toBeInTheDocument();
    expect(api.lookup).not.toHaveBeenCalled();
  });

  it('puts the cursor in the search box, and Enter looks up', async () => {
    const api = answeringApi();
    await renderWithApis(<OpsLookupPage />, [[integratedOpsApiRef, api]]);

    const box = screen.getByRole('textbox', {
      name: 'Name, hostname, URL or IP',
    });
    expect(box).toHaveFocus();
    await userEvent.keyboard('10.20.3.14{Enter}');

    expect(api.lookup).toHaveBeenCalledWith('10.20.3.14');
    const secops = await screen.findByRole('region', { name: 'SecOps owner' });
    expect(within(secops).getByText('Lena Fischer')).toBeInTheDocument();
    expect(
      screen.getByText('Looked up IP address 10.20.3.14.'),
    ).toBeInTheDocument();
  });

  it('opens with the answer for a deep link ?q=', async () => {
    const api = answeringApi();
    await renderWithApis(<OpsLookupPage />, [[integratedOpsApiRef, api]], {
      routeEntries: ['/?q=10.20.3.14'],
    });
    const netops = await screen.findByRole('region', { name: 'NetOps owner' });
    expect(netops).toHaveTextContent('On call (primary): Priya Nair');
    expect(api.lookup).toHaveBeenCalledWith('10.20.3.14');
    expect(
      screen.getByRole('textbox', { name: 'Name, hostname, URL or IP' }),
    ).toHaveValue('10.20.3.14');
  });

  it("shows other plugins' sections for the answered entity's kind, now only", async () => {
    function Told() {
      const entity = useLookupAnswerEntity();
      return <p>section for {`${entity.kind} ${entity.ref}`}</p>;
    }
    const sections = [
      { id: 'a', element: <Told />, kinds: ['component'] },
      { id: 'b', element: <p>only for resources</p>, kinds: ['resource'] },
    ];
    const api = answeringApi();
    await renderWithApis(
      <OpsLookupPage sections={sections} />,
      [[integratedOpsApiRef, api]],
      { routeEntries: ['/?q=scoring'] },
    );
    expect(
      await screen.findByText(
        'section for Component component:default/fraud-scoring-service',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('only for resources')).not.toBeInTheDocument();
  });

  it('shows the blast radius grouped by hop with each entity’s owners', async () => {
    const api = answeringApi();
    await renderWithApis(<OpsLookupPage />, [[integratedOpsApiRef, api]], {
      routeEntries: ['/?q=10.20.3.14'],
    });
    const dependents = await screen.findByRole('region', {
      name: 'What else breaks (dependents)',
    });
    expect(api.blastRadius).toHaveBeenCalledWith(
      'component:default/fraud-scoring-service',
      3,
    );
    expect(
      within(dependents)
        .getAllByRole('heading', { level: 4 })
        .map(h => h.textContent),
    ).toEqual(['1 hop away', '2 hops away']);
    const cards = within(dependents)
      .getAllByRole('listitem')
      .map(r => r.textContent ?? '');
    expect(cards[0]).toMatch(
      /^Edge Transaction Gateway.*NetOpsNetOps DC Fabricon call: Priya Nair/,
    );
    expect(cards[1]).toMatch(/^Card Authorisation/);
    expect(
      screen.getByRole('region', {
        name: 'What it depends on (possible causes)',
      }),
    ).toHaveTextContent('Feature Store DB');
  });

  it('copies a "who to page" summary', async () => {
    const writeText = jest.fn(async () => {});
    Object.defineProperty(window.navigator, 'clipboard', {
      value: { writeText },
      configurable: true,
    });
    await renderWithApis(
      <OpsLookupPage />,
      [[integratedOpsApiRef, answeringApi()]],
      {
        routeEntries: ['/?q=10.20.3.14'],
      },
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Copy who to page' }),
    );
    await waitFor(() => expect(writeText).toHaveBeenCalled());
    const text = (writeText.mock.calls[0] as unknown as [string])[0];
    expect(text).toContain(
      'Fraud Scoring Service [component:default/fraud-scoring-service]',
    );
    expect(text).toContain(
      'NetOps: Priya Nair · DevOps: Tom Becker · SecOps: Lena Fischer',
    );
    expect(text).toContain(
      '  on call (primary): Priya Nair (phone +44 20 7946 0100, priya.nair@bank.example) until',
    );
    expect(text).toContain(
      'Runbooks: https://runbooks.bank.example/fraud/scoring',
    );
    expect(text).toMatch(/Answer: http.*\?q=10\.20\.3\.14$/);
    // The button says it copied, until the next answer.
    expect(
      screen.getByRole('button', { name: 'Copied who to page' }),
    ).toBeInTheDocument();
  });

  it('puts who to page, with numbers, at the top and names the lookup in the tab title', async () => {
    await renderWithApis(
      <OpsLookupPage />,
      [[integratedOpsApiRef, answeringApi()]],
      { routeEntries: ['/?q=10.20.3.14'] },
    );
    const summary = await screen.findByRole('list', {
      name: 'Who to page now',
    });
    expect(
      within(summary)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'NetOps:Priya Nair+44 20 7946 0100',
      'DevOps:Tom Becker+44 20 7946 0100',
      'SecOps:Lena Fischer+44 20 7946 0100',
    ]);
    expect(within(summary).getAllByRole('link')[0].getAttribute('href')).toBe(
      'tel:+442079460100',
    );
    expect(document.title).toBe('10.20.3.14 - Incident lookup');
  });

  it('makes a discipline with nobody to page an alert that says whom to call instead', async () => {
    const match = { ...scoringMatch(), answer: gapAnswer() };
    // The incident commander on call is also the team's lead: named once.
    match.answer.owners.secops.noOwner!.escalateTo!.lead =
      incidentCommand.onCall[0].person;
    const api = fakeOpsApi({
      lookup: jest.fn(async q => lookupResponse(q, [match])),
      blastRadius: jest.fn(async () => blastRadiusResponse()),
    });
    await renderWithApis(<OpsLookupPage />, [[integratedOpsApiRef, api]], {
      routeEntries: ['/?q=legacy-batch-scorer'],
    });
    const secops = await screen.findByRole('region', { name: 'SecOps owner' });
    const alert = within(secops).getByRole('alert');
    expect(alert).toHaveTextContent(
      'No SecOps owner: none declared, inherited or in spec.owner.',
    );
    expect(alert).toHaveTextContent('Call instead: Major Incident Management');
    expect(alert).toHaveTextContent('On call: Jonas Meyer');
    expect(within(alert).getAllByText('Jonas Meyer')).toHaveLength(1);
    expect(alert).not.toHaveTextContent('Lead:');
    expect(
      within(alert).getByRole('link', { name: /\+44 20 7000 0999/ }),
    ).toHaveAttribute('href', 'tel:+442070000999');
    const summary = screen.getByRole('list', { name: 'Who to page now' });
    expect(summary).toHaveTextContent(
      'SecOps:nobody to page - call Jonas Meyer, Major Incident Management+44 20 7946 0500',
    );
  });

  it('still answers while the database is down, and says the answer is degraded', async () => {
    const api = fakeOpsApi({
      lookup: jest.fn(async q => {
        const response = lookupResponse(q, [scoringMatch()]);
        response.index.degraded = {
          since: '2026-12-01T02:13:00.000Z',
          cause: 'connect ECONNREFUSED 10.0.0.5:5432',
        };
        return response;
      }),
      blastRadius: jest.fn(async () => blastRadiusResponse()),
    });
    await renderWithApis(<OpsLookupPage />, [[integratedOpsApiRef, api]], {
      routeEntries: ['/?q=scoring'],
    });
    const title = await screen.findByText(
      /Degraded: the portal's database is unreachable since/,
    );
    const warning = title.closest('[role="alert"]');
    expect(warning).toHaveTextContent(
      'Cause: connect ECONNREFUSED 10.0.0.5:5432',
    );
    expect(screen.getAllByText(/fraud-scoring-service/).length).toBeGreaterThan(
      0,
    );
  });

  it("pages the nearest segment's owners from an answer that matched nothing", async () => {
    const brief = (team: string, title: string) => ({
      source: 'declared' as const,
      team,
      title,
      onCall: 'Omar Haddad',
    });
    const api = fakeOpsApi({
      lookup: jest.fn(async q => ({
        ...lookupResponse(q, []),
        noMatch: {
          suggestions: [],
          nearest: nearestDataSegment(
            '10.20.9.7 is in 10.20.0.0/16 of Data segment',
            {
              netops: brief('group:default/netops-dc', 'NetOps DC'),
              devops: brief('group:default/platform', 'Platform'),
              secops: brief('group:default/soc-tier1', 'SOC Tier 1'),
            },
          ),
        },
      })),
      page: jest.fn(async () => ({
        id: 'p-1',
        entityRef: 'resource:default/seg-data',
        entityTitle: 'Data segment',
        discipline: 'netops' as const,
        team: 'group:default/netops-dc',
        teamTitle: 'NetOps DC',
        query: '10.20.9.7',
        pagedBy: 'user:default/guest',
        pagedAt: '2026-03-02T12:00:00Z',
        route: 'notification' as const,
        delivery: 'notified in the portal',
        notified: ['user:default/omar.haddad'],
        state: 'triggered' as const,
        canAcknowledge: false,
      })),
    });
    await renderWithApis(<OpsLookupPage />, [[integratedOpsApiRef, api]], {
      routeEntries: ['/?q=10.20.9.7'],
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Page NetOps' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Send page to NetOps' }),
    );
    // The backend decides the team from the nearest entity, as for any answer.
    await waitFor(() =>
      expect(api.page).toHaveBeenCalledWith({
        entityRef: 'resource:default/seg-data',
        discipline: 'netops',
        query: '10.20.9.7',
      }),
    );
  });

  it('pages the incident escalation itself from an answer that matched nothing near anything', async () => {
    const api = fakeOpsApi({
      lookup: jest.fn(async q => ({
        ...lookupResponse(q, []),
        noMatch: { suggestions: [], escalateTo: incidentCommand },
      })),
      page: jest.fn(async () => ({
        id: 'p-2',
        entityRef: 'group:default/incident-command',
        entityTitle: 'Major Incident Management',
        escalation: true,
        team: 'group:default/incident-command',
        teamTitle: 'Major Incident Management',
        query: '192.0.2.9',
        pagedBy: 'user:default/guest',
        pagedAt: '2026-03-02T12:00:00Z',
        route: 'notification' as const,
        delivery: 'notified in the portal',
        notified: ['user:default/jonas.meyer'],
        state: 'triggered' as const,
        canAcknowledge: false,
      })),
    });
    await renderWithApis(<OpsLookupPage />, [[integratedOpsApiRef, api]], {
      routeEntries: ['/?q=192.0.2.9'],
    });
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Page Major Incident Management',
      }),
    );
    await userEvent.type(
      screen.getByRole('textbox', {
        name: 'Note for the Major Incident Management on-call (optional)',
      }),
      'Card auth timeouts from 192.0.2.9',
    );
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Send page to Major Incident Management',
      }),
    );
    // Only the query: the backend decides the team and that nothing matches.
    expect(api.page).toHaveBeenCalledWith({
      escalation: true,
      query: '192.0.2.9',
      note: 'Card auth timeouts from 192.0.2.9',
    });
    expect(
      await screen.findByText(
        /Paged Major Incident Management \(incident escalation for "192.0.2.9"\) in the portal/,
      ),
    ).toBeInTheDocument();
  });

  it("shows a discipline team's next three shifts when asked, in the viewer's zone with the rotation's", async () => {
    const netops = scoringAnswer().owners.netops;
    const api = fakeOpsApi({
      lookup: jest.fn(async q => lookupResponse(q, [scoringMatch()])),
      blastRadius: jest.fn(async () => blastRadiusResponse()),
      teamOnCall: jest.fn(async () => ({
        team: netops.team!,
        onCall: netops.onCall,
        escalation: netops.escalation,
        upcoming: [
          {
            rotation: 'primary',
            timeZone: 'Europe/London',
            shifts: ['2026-03-09', '2026-03-16', '2026-03-23'].map(day => ({
              person: { ref: 'user:default/li.wei', name: 'Li Wei' },
              from: `${day}T09:00:00Z`,
              until: `${day}T21:00:00Z`,
            })),
          },
        ],
        index: freshIndex,
      })),
    });
    await renderWithApis(<OpsLookupPage />, [[integratedOpsApiRef, api]], {
      routeEntries: ['/?q=10.20.3.14'],
    });
    const more = await screen.findByRole('button', {
      name: `Next shifts of ${netops.team!.title}`,
    });
    // Loaded only when asked for: the answer itself stays as fast.
    expect(api.teamOnCall).not.toHaveBeenCalled();
    await userEvent.click(more);
    expect(more).toHaveAttribute('aria-expanded', 'true');
    expect(api.teamOnCall).toHaveBeenCalledWith(netops.team!.ref);
    const shifts = await screen.findByRole('region', {
      name: 'Next shifts (primary)',
    });
    expect(within(shifts).getAllByRole('listitem')).toHaveLength(3);
    expect(within(shifts).getAllByRole('listitem')[0]).toHaveTextContent(
      /^Li Wei from /,
    );
  });

  it('offers no paging from a no-match answer about a past moment', async () => {
    const api = fakeOpsApi({
      lookup: jest.fn(async q => ({
        ...lookupResponse(q, []),
        noMatch: {
          suggestions: [],
          escalateTo: incidentCommand,
          nearest: nearestDataSegment('nearest by address', {
            netops: { source: 'missing' as const },
            devops: { source: 'missing' as const },
            secops: { source: 'missing' as const },
          }),
        },
      })),
    });
    await renderWithApis(<OpsLookupPage />, [[integratedOpsApiRef, api]], {
      routeEntries: ['/?q=10.20.9.7&asOf=2026-03-01T00:00:00Z'],
    });
    expect(
      await screen.findByText('Nearest in the catalog'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Page / })).toBeNull();
  });

  it('says when nothing matches, and what is near', async () => {
    const api = fakeOpsApi({
      lookup: jest.fn(async q => ({
        ...lookupResponse(q, []),
        noMatch: {
          suggestions: [
            {
              entityRef: 'component:default/fraud-scoring-service',
              title: 'Fraud Scoring Service',
              text: 'fraud-scoring-service',
              matchedBy: 'name' as const,
              distance: 1,
            },
          ],
        },
      })),
    });
    await renderWithApis(<OpsLookupPage />, [[integratedOpsApiRef, api]], {
      routeEntries: ['/?q=no-such-host.example'],
    });
    expect(
      await screen.findByText(
        'Nothing in the catalog matches "no-such-host.example"',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Nobody to escalate to is configured/),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('link', { name: 'Fraud Scoring Service' }),
    );
    expect(api.lookup).toHaveBeenLastCalledWith(
      'component:default/fraud-scoring-service',
    );
    expect(api.blastRadius).not.toHaveBeenCalled();
  });

  it('shows a backend error with what went wrong', async () => {
    const api = fakeOpsApi({
      lookup: jest.fn(() =>
        Promise.reject(
          Object.assign(new Error('Not allowed: integrated-ops.lookup.read'), {
            statusCode: 403,
          }),
        ),
      ),
    });
    await renderWithApis(<OpsLookupPage />, [[integratedOpsApiRef, api]], {
      routeEntries: ['/?q=10.20.3.14'],
    });
    expect(
      await screen.findByText(/You are not allowed to read ownership data/),
    ).toBeInTheDocument();
  });

  it('answers a flow as a reach question from the connectivity backend, and offers the access request when denied', async () => {
    const api = fakeOpsApi();
    const asked: string[] = [];
    const fetchApi = {
      fetch: jest.fn(async (url: string) => {
        asked.push(String(url));
        return new Response(
          JSON.stringify({
            from: {
              entityRef: 'component:default/payments-web',
              workloads: ['transaction-edge/payments-web[Component]'],
            },
            to: {
              entityRef: 'resource:default/fraud-cases-db',
              workloads: ['fraud-detection/fraud-cases-db[Resource]'],
            },
            protocol: 'TCP',
            port: 5432,
            allowed: false,
            rules: [],
            isolatedBy: [
              {
                side: 'from',
                direction: 'Egress',
                workload: 'transaction-edge/payments-web[Component]',
                policies: [
                  { namespace: 'transaction-edge', name: 'default-deny-all' },
                ],
              },
            ],
            model: { builtAt: '2026-12-06T12:00:00.000Z', problems: [] },
          }),
          { status: 200, headers: { 'content-type': 'application/json' } },
        );
      }),
    };
    const discoveryApi = {
      getBaseUrl: async (id: string) => `http://portal.test/api/${id}`,
    };
    await renderWithApis(
      <OpsLookupPage />,
      [
        [integratedOpsApiRef, api],
        [fetchApiRef, fetchApi],
        [discoveryApiRef, discoveryApi],
      ],
      { routeEntries: ['/?q=payments-web%20-%3E%20fraud-cases-db%3A5432'] },
    );
    expect(
      await screen.findByText(
        'payments-web -> fraud-cases-db: TCP 5432 is denied by the network',
      ),
    ).toBeInTheDocument();
    expect(asked).toEqual([
      'http://portal.test/api/connectivity/reach?from=payments-web&to=fraud-cases-db&port=5432',
    ]);
    // Not an ordinary lookup.
    expect(api.lookup).not.toHaveBeenCalled();
    expect(screen.getByRole('list', { name: 'Isolated by' })).toHaveTextContent(
      'the source (transaction-edge/payments-web[Component]) for egress: transaction-edge/default-deny-all',
    );
    const href = decodeURIComponent(
      screen
        .getByRole('link', { name: 'Ask for this access' })
        .getAttribute('href')!,
    );
    expect(JSON.parse(href.split('formData=')[1])).toEqual({
      source: 'component:default/payments-web',
      destination: 'resource:default/fraud-cases-db',
      ports: '5432/tcp',
    });
  });

  it("shows the backend's words for an unknown name in a reach question", async () => {
    const fetchApi = {
      fetch: jest.fn(
        async () =>
          new Response(
            JSON.stringify({
              error: {
                name: 'InputError',
                message:
                  'from: no entity "nobody-here" in the catalog that you may read',
              },
              response: { statusCode: 400 },
            }),
            { status: 400, headers: { 'content-type': 'application/json' } },
          ),
      ),
    };
    await renderWithApis(
      <OpsLookupPage />,
      [
        [integratedOpsApiRef, fakeOpsApi()],
        [fetchApiRef, fetchApi],
        [
          discoveryApiRef,
          { getBaseUrl: async (id: string) => `http://portal.test/api/${id}` },
        ],
      ],
      { routeEntries: ['/?q=nobody-here%20-%3E%20payments-web%3A443'] },
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'from: no entity "nobody-here" in the catalog that you may read',
    );
  });
});
