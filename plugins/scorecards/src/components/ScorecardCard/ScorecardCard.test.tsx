import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { Scorecard } from '@integrated-ops/plugin-scorecards-common';
import { screen, within } from '@testing-library/react';
import { ScorecardsApi, scorecardsApiRef } from '../../api';
import { ScorecardCard } from './ScorecardCard';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'fraud-scoring-service', namespace: 'default' },
  spec: {},
};

const scorecard: Scorecard = {
  entityRef: 'component:default/fraud-scoring-service',
  factsAt: new Date(Date.now() - 120_000).toISOString(),
  disciplines: [
    { discipline: 'netops', level: 'gold', passed: 3, total: 3, checks: [] },
    {
      discipline: 'devops',
      level: 'silver',
      next: 'gold',
      passed: 3,
      total: 4,
      checks: [
        {
          id: 'devopsDeclared',
          name: 'DevOps owner declared on the entity',
          description: 'The DevOps owner is declared on the entity itself',
          level: 'gold',
          passed: false,
          fix: { title: 'Declare spec.opsOwners.devops', url: '/ops-coverage' },
        },
      ],
    },
    {
      discipline: 'secops',
      level: 'none',
      next: 'bronze',
      passed: 0,
      total: 3,
      checks: [],
    },
  ],
};

async function render(api: Pick<ScorecardsApi, 'entity'>) {
  await renderInTestApp(
    <TestApiProvider apis={[[scorecardsApiRef, api as ScorecardsApi]]}>
      <EntityProvider entity={entity}>
        <ScorecardCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('ScorecardCard', () => {
  it('shows the three disciplines side by side with their level, what fails and the fix', async () => {
    await render({ entity: jest.fn(async () => scorecard) });
    const devops = await screen.findByRole('region', {
      name: 'DevOps readiness',
    });
    expect(
      within(devops).getByRole('heading', { name: 'DevOps: Silver' }),
    ).toBeInTheDocument();
    expect(devops).toHaveTextContent('3 of 4 checks pass; next: Gold');
    expect(
      within(devops).getByRole('link', {
        name: 'Declare spec.opsOwners.devops',
      }),
    ).toHaveAttribute('href', '/ops-coverage');
    expect(
      screen.getByRole('heading', { name: 'NetOps: Gold' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'SecOps: No level' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Facts read 2 min ago.')).toBeInTheDocument();
  });

  it('says what failed to load', async () => {
    await render({
      entity: jest
        .fn()
        .mockRejectedValue(new Error('The checks cannot be run yet')),
    });
    expect(
      await screen.findByText(
        'The scorecard could not be loaded: The checks cannot be run yet',
      ),
    ).toBeInTheDocument();
  });
});
