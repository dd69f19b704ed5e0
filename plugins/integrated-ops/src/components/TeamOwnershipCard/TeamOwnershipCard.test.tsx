import { Entity } from '@backstage/catalog-model';
import { catalogApiRef, EntityProvider } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
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

const renderCard = (group: Entity, entities: Entity[]) =>
  renderWithApis(
    <EntityProvider entity={group}>
      <TeamOwnershipCard />
    </EntityProvider>,
    [[catalogApiRef, catalogApiMock({ entities })]],
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

  it('says when the team owns nothing', async () => {
    await renderCard(team([]), []);
    expect(
      await screen.findByText(
        /This team is not the NetOps, DevOps or SecOps owner/,
      ),
    ).toBeInTheDocument();
  });
});
