import { Entity } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { OpsOwnersPicker } from './OpsOwnersPicker';

const team = (name: string, title: string, discipline: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: {
    type: 'team',
    profile: { displayName: title },
    opsTeam: { discipline },
  },
});

const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'fraud-detection', namespace: 'default' },
  spec: { owner: 'group:default/fraud-ml-team' },
  relations: [
    { type: 'netopsOwnedBy', targetRef: 'group:default/netops-dc' },
    { type: 'devopsOwnedBy', targetRef: 'group:default/sre-payments' },
    { type: 'secopsOwnedBy', targetRef: 'group:default/soc-tier1' },
  ],
};

const entities = [
  system,
  team('netops-dc', 'NetOps Data Centre Fabric', 'netops'),
  team('netops-edge', 'NetOps Edge & Perimeter', 'netops'),
  team('sre-payments', 'SRE Payments', 'devops'),
  team('platform-delivery', 'Platform Delivery', 'devops'),
  team('soc-tier1', 'SOC Tier 1', 'secops'),
];

function renderPicker(
  formData: Record<string, string> | undefined,
  onChange = jest.fn(),
) {
  const props = {
    formData,
    onChange,
    schema: { title: 'Ops owners' },
    uiSchema: { 'ui:options': { systemField: 'system' } },
    rawErrors: [],
    formContext: { formData: { system: 'system:default/fraud-detection' } },
  } as any;
  return renderWithApis(<OpsOwnersPicker {...props} />, [
    [catalogApiRef, catalogApiMock({ entities })],
  ]);
}

describe('OpsOwnersPicker', () => {
  it('pre-fills the three owners from the System chosen earlier in the form', async () => {
    await renderPicker(undefined);
    await waitFor(() =>
      expect(screen.getByLabelText('NetOps owner')).toHaveTextContent(
        'NetOps Data Centre Fabric',
      ),
    );
    expect(screen.getByLabelText('DevOps owner')).toHaveTextContent(
      'SRE Payments',
    );
    expect(screen.getByLabelText('SecOps owner')).toHaveTextContent(
      'SOC Tier 1',
    );
    expect(screen.getAllByText('inherited from the System')).toHaveLength(3);
    expect(
      screen.getByText(/Pre-filled from system:default\/fraud-detection/),
    ).toBeInTheDocument();
  });

  it('submits only the owners changed from the System, offering teams of that discipline', async () => {
    const onChange = jest.fn();
    await renderPicker(undefined, onChange);
    await waitFor(() =>
      expect(screen.getByLabelText('DevOps owner')).toHaveTextContent(
        'SRE Payments',
      ),
    );
    await userEvent.click(screen.getByLabelText('DevOps owner'));
    const options = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'SRE Payments',
      'Platform Delivery',
    ]);
    await userEvent.click(
      screen.getByRole('option', { name: 'Platform Delivery' }),
    );
    expect(onChange).toHaveBeenLastCalledWith({
      devops: 'group:default/platform-delivery',
    });
  });

  it('choosing the System’s own team again goes back to inheriting it', async () => {
    const onChange = jest.fn();
    await renderPicker({ devops: 'group:default/platform-delivery' }, onChange);
    await waitFor(() =>
      expect(screen.getByLabelText('DevOps owner')).toHaveTextContent(
        'Platform Delivery',
      ),
    );
    expect(screen.getByText('chosen here')).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('DevOps owner'));
    await userEvent.click(screen.getByRole('option', { name: 'SRE Payments' }));
    expect(onChange).toHaveBeenLastCalledWith({});
  });
});
