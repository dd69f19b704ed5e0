import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { FindingsOverview } from '@integrated-ops/plugin-security-findings-common';
import { screen, within } from '@testing-library/react';
import { securityFindingsApiRef } from '../../api';
import { SecOpsOverviewPage } from './SecOpsOverviewPage';

const overview: FindingsOverview = {
  generatedAt: '2026-12-06T18:00:00.000Z',
  byTeam: [
    {
      team: 'group:default/sre-payments',
      discipline: 'devops',
      components: 2,
      open: 6,
      critical: 1,
      breached: 4,
      dueThisWeek: 1,
      accepted: 1,
    },
    {
      discipline: 'netops',
      components: 1,
      open: 1,
      critical: 0,
      breached: 1,
      dueThisWeek: 0,
      accepted: 0,
    },
  ],
  worstComponents: [
    {
      entityRef: 'component:default/edge-transaction-gateway',
      breached: 4,
      open: 5,
    },
  ],
  unrouted: [
    {
      label: '<b>paymnets-web</b>',
      tool: 'trivy',
      reportedBy: 'ci-scanners',
      firstAt: '2026-12-06T10:00:00.000Z',
      lastAt: '2026-12-06T17:00:00.000Z',
      count: 3,
    },
  ],
};

describe('SecOpsOverviewPage', () => {
  it('shows past SLA by team and discipline, the components worst off and the reports nobody could route', async () => {
    const api = {
      overview: jest.fn(async () => overview),
      kpis: jest.fn(async () => ({
        generatedAt: '2026-12-06T18:00:00.000Z',
        since: '2026-09-07T18:00:00.000Z',
        days: 90,
        truncated: false,
        byTeam: [
          {
            team: 'group:default/sre-payments',
            discipline: 'devops' as const,
            severity: 'medium' as const,
            fixed: 1,
            medianHoursToFix: 2400,
            open: 3,
            pastSla: 4,
            breachRate: 1,
          },
        ],
        acceptedRisks: [
          {
            entityRef: 'component:default/payments-web',
            findingId: '8',
            title: "Image user should not be 'root'",
            severity: 'high' as const,
            request: 'cr-20261206-453275',
            until: '2027-01-05T00:00:00.000Z',
          },
        ],
      })),
    };
    await renderInTestApp(
      <TestApiProvider apis={[[securityFindingsApiRef, api]]}>
        <SecOpsOverviewPage />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    const totals = await screen.findByRole('list', { name: 'Totals' });
    expect(within(totals).getAllByRole('listitem')[0]).toHaveTextContent(
      '5Past SLA',
    );
    const rows = within(
      screen.getByRole('table', {
        name: 'Open findings by owning team and discipline',
      }),
    ).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('sre-payments');
    expect(rows[1]).toHaveTextContent('DevOps4116');
    expect(rows[2]).toHaveTextContent('no ownerNetOps1');
    expect(
      screen.getByRole('list', {
        name: 'Components with the most findings past SLA',
      }),
    ).toHaveTextContent('edge-transaction-gateway: 4 past SLA of 5 open');
    // A label from a scanner is text.
    const unrouted = screen.getByRole('list', {
      name: 'Reports whose component is not in the catalog',
    });
    expect(unrouted).toHaveTextContent(
      '“<b>paymnets-web</b>” from ci-scanners (trivy): 3 reports',
    );
    expect(unrouted.querySelector('b')).toBeNull();

    const kpis = await screen.findByRole('table', {
      name: 'Time to fix and SLA breach rate by team',
    });
    expect(within(kpis).getAllByRole('row')[1]).toHaveTextContent(
      'DevOpsmedium1100 d3100 %',
    );
    expect(
      screen.getByRole('list', {
        name: 'Accepted risks, soonest ending first',
      }),
    ).toHaveTextContent(
      "until Jan 5, 2027: high “Image user should not be 'root'” on payments-web (request cr-20261206-453275)",
    );
  });
});
