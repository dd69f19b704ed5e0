import { GovernanceKpis } from '@integrated-ops/plugin-ops-requests-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeOpsApi,
  opsRequestsApiRef,
  renderWithApis,
} from '../../__testUtils__/renderWithApis';
import { GovernancePage } from './GovernancePage';

const kpis = (scope: GovernanceKpis['scope'] = {}): GovernanceKpis => ({
  scope,
  from: '2026-03-01T00:00:00.000Z',
  to: '2026-03-31T00:00:00.000Z',
  generatedAt: '2026-03-31T00:00:00.000Z',
  timeToApprove: {
    byDiscipline: [
      { key: 'netops', approvals: 2, p50Minutes: 30, p90Minutes: 600 },
    ],
    byTeam: [
      {
        key: 'group:default/netops-dc',
        approvals: 2,
        p50Minutes: 30,
        p90Minutes: 600,
      },
    ],
  },
  pendingByAge: [
    { bucket: 'under 1 day', count: 1 },
    { bucket: '1-3 days', count: 0 },
    { bucket: '3-7 days', count: 0 },
    { bucket: 'over 7 days', count: 1 },
  ],
  refusals: {
    byRule: [{ rule: 'cidr-breadth', count: 2 }],
    rejectedByApprovers: 3,
  },
  breakGlass: {
    uses: 2,
    confirmed: 1,
    revokedByOwners: 0,
    revokedUnreviewed: 1,
    awaitingReview: 0,
  },
  grants: { expired: 1, revoked: 2 },
  recertification: {
    declarations: 3,
    confirmed: 2,
    percent: 66.7,
    byTeam: [
      {
        team: 'group:default/netops-dc',
        declarations: 2,
        confirmed: 1,
        percent: 50,
      },
    ],
  },
  lookupsWithoutOwner: { noMatch: 4, noOwner: 2 },
});

describe('GovernancePage', () => {
  it('shows each KPI with its chart, and narrows to a team from the form', async () => {
    const api = fakeOpsApi({
      kpis: jest.fn(async filter => kpis({ team: filter.team })),
    });
    await renderWithApis(<GovernancePage />, [[opsRequestsApiRef, api]]);
    expect(
      await screen.findByRole('figure', {
        name: 'Time to approve per discipline (minutes)',
      }),
    ).toBeInTheDocument();
    for (const chart of [
      'Pending requests by age',
      'Policy refusals per rule',
      'Re-certification per team (% confirmed)',
    ]) {
      expect(screen.getByRole('figure', { name: chart })).toBeInTheDocument();
    }
    expect(screen.getByText('66.7%')).toBeInTheDocument();
    expect(
      within(screen.getByText('revoked unreviewed').parentElement!).getByText(
        '1',
      ),
    ).toBeInTheDocument();
    expect(api.kpis).toHaveBeenCalledWith({ days: 30 });

    await userEvent.type(
      screen.getByRole('textbox', { name: 'Team' }),
      'group:default/netops-dc',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Show' }));
    await waitFor(() =>
      expect(api.kpis).toHaveBeenLastCalledWith({
        team: 'group:default/netops-dc',
        days: 30,
      }),
    );
    expect(
      await screen.findByRole('heading', {
        name: 'Governance KPIs: group:default/netops-dc',
      }),
    ).toBeInTheDocument();
  });

  it('opens a system page from the link, and says when lookups are not counted', async () => {
    const api = fakeOpsApi({
      kpis: jest.fn(async () => ({
        ...kpis({ system: 'system:default/edge' }),
        lookupsWithoutOwner: {
          noMatch: 0,
          noOwner: 0,
          unavailable: 'not allowed',
        },
      })),
    });
    await renderWithApis(<GovernancePage />, [[opsRequestsApiRef, api]], {
      routeEntries: ['/?system=system:default/edge&days=90'],
    });
    expect(
      await screen.findByText('Not available: not allowed'),
    ).toBeInTheDocument();
    expect(api.kpis).toHaveBeenCalledWith({
      system: 'system:default/edge',
      days: 90,
    });
  });
});
