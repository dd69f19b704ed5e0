import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { ConnectionsAnswer } from '@integrated-ops/plugin-connectivity-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ConnectivityApi, connectivityApiRef } from '../../api';
import { WhoCanReachCard } from './WhoCanReachCard';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'fraud-cases-db', namespace: 'default' },
  spec: {},
};

const model = {
  builtAt: '2026-12-07T01:00:00.000Z',
  commit: 'abcdef0123456789',
  problems: [],
};

const inbound: ConnectionsAnswer = {
  entity: {
    entityRef: 'resource:default/fraud-cases-db',
    workloads: ['fraud-data/fraud-cases-db[StatefulSet]'],
  },
  items: [
    {
      peer: {
        entityRef: 'component:default/case-management-ui',
        workloads: ['fraud-apps/case-management-ui[Deployment]'],
      },
      connections: 'TCP 5432',
      rules: [
        {
          side: 'to',
          direction: 'Ingress',
          workload: 'fraud-data/fraud-cases-db[StatefulSet]',
          policy: {
            namespace: 'fraud-data',
            name: 'allow-case-management-to-cases-db',
            file: 'kubernetes/fraud-data/allow-case-management.yaml',
          },
          index: 0,
          changeRequest: 'cr-20261101-abc123',
          requestedBy: 'user:default/arjun.nair',
          expiresAt: '2099-03-01',
        },
      ],
    },
  ],
  truncated: false,
  model,
};

function render(api: Partial<ConnectivityApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[connectivityApiRef, api]]}>
      <EntityProvider entity={entity}>
        <WhoCanReachCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('WhoCanReachCard', () => {
  it('says an access past its end is still allowed on main', async () => {
    const [item] = inbound.items;
    const expired = {
      ...inbound,
      items: [
        { ...item, rules: [{ ...item.rules[0], expiresAt: '2026-10-31' }] },
      ],
    };
    await render({
      inbound: jest.fn(async () => expired),
      outbound: jest.fn(async () => ({ ...inbound, items: [] })),
    });
    const list = await screen.findByRole('list', {
      name: 'Who can reach this',
    });
    expect(list).toHaveTextContent(
      'expired 2026-10-31, still allowed on main: revoke it',
    );
    expect(list).not.toHaveTextContent('until 2026-10-31');
  });

  it('lists who can reach the entity with the rule, the request that added it and until when', async () => {
    const api = {
      inbound: jest.fn(async () => inbound),
      outbound: jest.fn(async () => ({ ...inbound, items: [] })),
    };
    await render(api);
    const list = await screen.findByRole('list', {
      name: 'Who can reach this',
    });
    expect(within(list).getByText('TCP 5432')).toBeInTheDocument();
    const request = within(list).getByRole('link', {
      name: 'cr-20261101-abc123',
    });
    expect(request).toHaveAttribute('href', '/ops-requests/cr-20261101-abc123');
    expect(list).toHaveTextContent(
      'fraud-data/allow-case-management-to-cases-db (ingress here, kubernetes/fraud-data/allow-case-management.yaml)',
    );
    expect(list).toHaveTextContent('until 2099-03-01');
    expect(api.inbound).toHaveBeenCalledWith('resource:default/fraud-cases-db');
    expect(screen.getByText(/on main at abcdef01/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Outbound' }));
    expect(
      await screen.findByText(
        'It can reach nothing: its policies allow no egress.',
      ),
    ).toBeInTheDocument();
    expect(api.outbound).toHaveBeenCalledWith(
      'resource:default/fraud-cases-db',
    );
  });

  it('says when no workload on main maps to the entity (the backend answers with none)', async () => {
    await render({
      inbound: jest.fn().mockResolvedValue({
        ...inbound,
        entity: { entityRef: 'resource:default/fraud-cases-db', workloads: [] },
        items: [],
      }),
    });
    expect(
      await screen.findByText(/No workload on main maps to this entity/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/could not be loaded/)).toBeNull();
  });

  it('shows a 400 as what failed, not as "no workload"', async () => {
    const refused = Object.assign(new Error('to: "x" is not an entity ref'), {
      statusCode: 400,
    });
    await render({ inbound: jest.fn().mockRejectedValue(refused) });
    expect(
      await screen.findByText(
        'Connectivity could not be loaded: to: "x" is not an entity ref',
      ),
    ).toBeInTheDocument();
  });

  it('says what failed and asks again on request', async () => {
    const failing = jest
      .fn()
      .mockRejectedValueOnce(
        new Error('the infrastructure repository cannot be read'),
      )
      .mockResolvedValueOnce(inbound);
    await render({ inbound: failing });
    expect(
      await screen.findByText(
        'Connectivity could not be loaded: the infrastructure repository cannot be read',
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('TCP 5432')).toBeInTheDocument();
  });
});
