import { Entity } from '@backstage/catalog-model';
import { catalogApiRef, EntityProvider } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import {
  fakeOpsApi,
  integratedOpsApiRef,
  renderWithApis,
} from '../../__testUtils__/renderWithApis';
import { freshIndex, scoringAnswer } from '../../__testUtils__/fixtures';
import { TeamOwnershipCard } from './TeamOwnershipCard';

const component = (
  name: string,
  title: string,
  netopsSource: string,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    title,
    annotations: { 'integrated-ops.io/netops-owner-source': netopsSource },
  },
  spec: {},
});

const team = (relations: Entity['relations']): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'netops-dc', namespace: 'default' },
  spec: { type: 'team' },
  relations,
});

/** NetOps DC Fabric's on-call card as the backend answers it. */
function teamOnCall() {
  const netops = scoringAnswer().owners.netops;
  return {
    team: netops.team!,
    onCall: netops.onCall,
    escalation: netops.escalation,
    index: freshIndex,
  };
}

const renderCard = (
  group: Entity,
  entities: Entity[],
  api = fakeOpsApi({ teamOnCall: jest.fn(async () => teamOnCall()) }),
) =>
  renderWithApis(
    <EntityProvider entity={group}>
      <TeamOwnershipCard />
    </EntityProvider>,
    [
      [catalogApiRef, catalogApiMock({ entities })],
      [integratedOpsApiRef, api],
    ],
  );

describe('TeamOwnershipCard', () => {
  it('lists what the team owns per discipline, marking inherited ownership', async () => {
    await renderCard(
      team([
        {
          type: 'netopsOwnerOf',
          targetRef: 'component:default/fraud-scoring-service',
        },
        { type: 'netopsOwnerOf', targetRef: 'component:default/feature-store' },
        { type: 'ownerOf', targetRef: 'component:default/unrelated' },
      ]),
      [
        component('fraud-scoring-service', 'Fraud Scoring Service', 'declared'),
        component(
          'feature-store',
          'Feature Store',
          'inherited:system:default/fraud-detection',
        ),
      ],
    );
    const netops = await screen.findByRole('region', {
      name: 'NetOps ownership',
    });
    expect(
      within(netops).getByRole('heading', { name: 'Components (2)' }),
    ).toBeInTheDocument();
    const items = within(netops).getAllByRole('listitem');
    expect(items.map(li => [li.textContent, li.title])).toEqual([
      ['Feature Store*, ', 'inherited from system:default/fraud-detection'],
      ['Fraud Scoring Service', 'declared on the entity'],
    ]);
    expect(
      screen.queryByRole('region', { name: 'DevOps ownership' }),
    ).toBeNull();
  });

  it('leads with who of the team is on call now and next, with the number and the zone', async () => {
    const api = fakeOpsApi({ teamOnCall: jest.fn(async () => teamOnCall()) });
    await renderCard(team([]), [], api);
    const onCall = await screen.findByRole('region', { name: 'On call now' });
    expect(api.teamOnCall).toHaveBeenCalledWith('group:default/netops-dc');
    expect(onCall).toHaveTextContent('On call (primary): Priya Nair');
    expect(
      within(onCall).getByRole('link', {
        name: 'Phone: +44 20 7946 0100 (Mobile)',
      }),
    ).toHaveAttribute('href', 'tel:+442079460100');
    expect(onCall).toHaveTextContent(/until .+ GMT\+1 .*then Next Person/);
    expect(
      within(onCall).getByRole('link', {
        name: 'Pager: +44 20 7000 0101 (NetOps DC Fabric pager)',
      }),
    ).toBeInTheDocument();
  });

  it('says when the team owns nothing', async () => {
    await renderCard(team([]), []);
    expect(
      await screen.findByText(
        /This team is not the NetOps, DevOps or SecOps owner/,
      ),
    ).toBeInTheDocument();
  });
});
