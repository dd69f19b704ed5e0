import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { Campaign } from '@integrated-ops/plugin-scorecards-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { ScorecardsApi, scorecardsApiRef } from '../../api';
import { CampaignDetail } from './CampaignDetail';
import { targetWords } from '../campaignWords';
import { CampaignList } from './CampaignList';

const value: Campaign = {
  campaign: {
    id: 'fraud-detection-secops-silver',
    title: 'Fraud detection at SecOps silver',
    description: 'Before the PCI DSS assessment.',
    target: { discipline: 'secops', level: 'silver' },
    deadline: '2027-01-31',
    asOf: '2026-12-07T10:00:00.000Z',
    total: 3,
    atTarget: 1,
  },
  days: [
    { day: '2026-12-06', total: 3, below: 3 },
    { day: '2026-12-07', total: 3, below: 2 },
  ],
  teams: [
    { team: 'group:default/appsec', total: 2, below: 2 },
    { team: 'group:default/soc-t1', total: 1, below: 0 },
  ],
  entities: [
    {
      entityRef: 'component:default/rules-engine',
      title: 'Rules Engine',
      team: 'group:default/appsec',
      level: 'bronze',
      atTarget: false,
    },
    {
      entityRef: 'component:default/fraud-scoring-service',
      title: 'Fraud Scoring Service',
      team: 'group:default/soc-t1',
      level: 'silver',
      atTarget: true,
    },
  ],
};

const api = (over: Partial<ScorecardsApi> = {}) =>
  ({
    campaigns: jest.fn(async () => [value.campaign]),
    campaign: jest.fn(async () => value),
    campaignCsv: jest.fn(async () => new Blob(['entity\n'])),
    ...over,
  } as unknown as ScorecardsApi);

async function render(a: ScorecardsApi, at: string) {
  await renderInTestApp(
    <TestApiProvider apis={[[scorecardsApiRef, a]]}>
      <Routes>
        <Route path="/scorecard-campaigns" element={<CampaignList />} />
        <Route path="/scorecard-campaigns/:id" element={<CampaignDetail />} />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: [at],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}

describe('campaigns', () => {
  it('count the days to the deadline in whole UTC days', () => {
    const c = value.campaign;
    const at = (iso: string) => targetWords(c, new Date(iso));
    expect(at('2027-01-30T23:30:00Z')).toBe(
      'SecOps Silver by 2027-01-31 (1 day left)',
    );
    expect(at('2027-01-31T08:00:00Z')).toMatch(/\(the deadline is today\)$/);
    expect(at('2027-02-01T00:30:00Z')).toMatch(/\(1 day past the deadline\)$/);
    expect(at('2027-02-02T12:00:00Z')).toMatch(/\(2 days past the deadline\)$/);
  });

  it('lists each campaign with its target, deadline and progress, linking to its page', async () => {
    await render(api(), '/scorecard-campaigns');
    const link = await screen.findByRole('link', {
      name: 'Fraud detection at SecOps silver',
    });
    expect(link).toHaveAttribute(
      'href',
      '/scorecard-campaigns/fraud-detection-secops-silver',
    );
    expect(
      screen.getByText(/^SecOps Silver by 2027-01-31 \(/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^1 of 3 at the target, as of /),
    ).toBeInTheDocument();
  });

  it("shows a campaign's burn-down, the teams behind first and its entities, and exports them", async () => {
    const a = api();
    await render(a, '/scorecard-campaigns/fraud-detection-secops-silver');
    expect(
      await screen.findByRole('img', {
        name: 'Burn-down: 3 below the target on 2026-12-06, 2 on 2026-12-07; the deadline is 2027-01-31',
      }),
    ).toBeInTheDocument();
    const teams = screen.getByRole('table', { name: 'Teams behind' });
    const rows = within(teams).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('appsec22');
    const entities = screen.getByRole('table', {
      name: 'Entities of the campaign',
    });
    expect(within(entities).getAllByRole('row')[1]).toHaveTextContent(
      'Rules EngineappsecBronzeNo',
    );
    URL.createObjectURL = jest.fn(() => 'blob:x');
    URL.revokeObjectURL = jest.fn();
    await userEvent.click(
      screen.getByRole('button', { name: 'Export entities as CSV' }),
    );
    expect(a.campaignCsv).toHaveBeenCalledWith('fraud-detection-secops-silver');
  });

  it('says what failed when the campaign cannot be loaded', async () => {
    await render(
      api({
        campaign: jest.fn().mockRejectedValue(new Error('No campaign x')),
      }),
      '/scorecard-campaigns/x',
    );
    expect(await screen.findByText(/No campaign x/)).toBeInTheDocument();
  });
});
