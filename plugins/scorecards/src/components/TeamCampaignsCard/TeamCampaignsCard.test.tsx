import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { Campaign } from '@integrated-ops/plugin-scorecards-common';
import { screen } from '@testing-library/react';
import { ScorecardsApi, scorecardsApiRef } from '../../api';
import { campaignsRouteRef } from '../../routes';
import { TeamCampaignsCard } from './TeamCampaignsCard';
import { teamStanding } from './teamStanding';

const campaign: Campaign = {
  campaign: {
    id: 'pci-dss-secops-silver',
    title: 'Every component at SecOps silver',
    description: '',
    target: { discipline: 'secops', level: 'silver' },
    deadline: '2027-01-31',
    asOf: '2026-12-07T10:00:00.000Z',
    total: 15,
    atTarget: 13,
  },
  days: [],
  teams: [
    { team: null, total: 1, below: 1 },
    { team: 'group:default/vuln-mgmt', total: 1, below: 1 },
    { team: 'group:default/soc-t1', total: 12, below: 0 },
    { team: 'group:default/soc-t2', total: 1, below: 0 },
    { team: 'group:default/appsec', total: 4, below: 1 },
  ],
  entities: [],
};

describe('a team in a campaign', () => {
  it('ranks by the share at the target, ties sharing a rank, entities with no owner not a team', () => {
    expect(teamStanding(campaign, 'group:default/soc-t2')).toEqual({
      total: 1,
      below: 0,
      rank: 1,
      of: 4,
    });
    expect(teamStanding(campaign, 'group:default/appsec')).toMatchObject({
      rank: 3,
      below: 1,
    });
    expect(teamStanding(campaign, 'Group:default/Vuln-Mgmt')?.rank).toBe(4);
    expect(teamStanding(campaign, 'group:default/netops-dc')).toBeUndefined();
  });

  it("shows on the team's page how many are below the target, the rank, and links to the campaign", async () => {
    const api = {
      campaigns: jest.fn(async () => [campaign.campaign]),
      campaign: jest.fn(async () => campaign),
    } as unknown as ScorecardsApi;
    renderInTestApp(
      <EntityProvider
        entity={{
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: { name: 'appsec', namespace: 'default' },
          spec: {},
        }}
      >
        <TeamCampaignsCard />
      </EntityProvider>,
      {
        apis: [[scorecardsApiRef, api]],
        mountedRoutes: { '/scorecard-campaigns': campaignsRouteRef },
      },
    );
    expect(
      await screen.findByText('1 of 4 below the target; rank 3 of 4 teams.'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Every component at SecOps silver' }),
    ).toHaveAttribute('href', '/scorecard-campaigns/pci-dss-secops-silver');
  });
});
