import { ChangeRequestDetail } from '@integrated-ops/plugin-ops-requests-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeOpsApi,
  opsRequestsApiRef,
  renderWithApis,
} from '../../__testUtils__/renderWithApis';
import {
  catalogApiRef,
  entityPresentationApiRef,
  EntityPresentationApi,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { RequestsPage } from './RequestsPage';

function detail(
  overrides: Partial<ChangeRequestDetail> = {},
): ChangeRequestDetail {
  return {
    id: 'cr-20260302-abcdef',
    kind: 'network-access',
    title:
      'Network access: case-management-ui -> fraud-scoring-service (443/tcp)',
    description: 'Analysts need fraud scores',
    targets: ['component:default/fraud-scoring-service'],
    change: {
      provider: 'local',
      repository: 'infrastructure',
      branch: 'change/cr-20260302-abcdef',
      commit: 'abc123def4567890',
      url: '/data/git/infrastructure.git',
      files: { 'kubernetes/allow.yaml': 'kind: NetworkPolicy\n' },
    },
    policy: {
      version: 'northbridge-change-policy@2026.11.1',
      results: [
        {
          rule: 'ports-per-zone',
          passed: true,
          message: '443/tcp allowed into zone "pci"',
        },
      ],
    },
    requiredApprovals: ['netops', 'secops'],
    approvers: {
      netops: 'group:default/netops-dc',
      secops: 'group:default/soc-tier1',
    },
    approvals: [
      {
        discipline: 'netops',
        decidedBy: 'user:default/omar.haddad',
        decidedAt: '2026-03-02T12:05:00Z',
      },
    ],
    state: 'pending',
    requestedBy: 'user:default/guest',
    requestedAt: '2026-03-02T12:00:00Z',
    expiresAt: '2026-04-01',
    audit: [
      {
        id: 1,
        at: '2026-03-02T12:00:00Z',
        actor: 'user:default/guest',
        action: 'created',
        toState: 'pending',
      },
      {
        id: 2,
        at: '2026-03-02T12:05:00Z',
        actor: 'user:default/omar.haddad',
        action: 'approved:netops',
      },
    ],
    canDecide: true,
    ...overrides,
  };
}

// The approving teams and their people, as the catalog has them.
const catalog = catalogApiMock({
  entities: [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'soc-tier1', namespace: 'default' },
      spec: { type: 'team', children: [] },
      relations: [
        { type: 'hasMember', targetRef: 'user:default/noah.kim' },
        { type: 'hasMember', targetRef: 'user:default/lucas.martin' },
      ],
    },
    ...[
      ['noah.kim', 'Noah Kim'],
      ['lucas.martin', 'Lucas Martin'],
    ].map(([name, displayName]) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name, namespace: 'default' },
      spec: { profile: { displayName } },
    })),
  ],
});

// Catalog titles, as the catalog's presentation API gives them.
const titles: Record<string, string> = {
  'component:default/case-management-ui': 'Fraud Case Management',
  'component:default/fraud-scoring-service': 'Fraud Scoring Service',
  'group:default/soc-tier1': 'SOC Tier 1',
};
const presentation: EntityPresentationApi = {
  forEntity: (ref: any) => {
    const entityRef = String(ref);
    const snapshot = {
      entityRef,
      primaryTitle: titles[entityRef] ?? entityRef,
    };
    return { snapshot, promise: Promise.resolve(snapshot) };
  },
};

const renderAt = (path: string, api: ReturnType<typeof fakeOpsApi>) =>
  renderWithApis(
    <RequestsPage />,
    [
      [opsRequestsApiRef, api],
      [catalogApiRef, catalog],
      [entityPresentationApiRef, presentation],
    ],
    { routeEntries: [path] },
  );

describe('RequestsPage', () => {
  it('lists requests awaiting my approval first, and mine on the next tab', async () => {
    const api = fakeOpsApi({
      listRequests: jest.fn(async (view: string) =>
        view === 'awaiting' ? [detail()] : [],
      ),
    });
    await renderAt('/', api);
    expect(
      await screen.findByRole('link', { name: detail().title }),
    ).toHaveAttribute('href', '/cr-20260302-abcdef');
    expect(api.listRequests).toHaveBeenCalledWith('awaiting');
    await userEvent.click(screen.getByRole('tab', { name: 'Mine' }));
    expect(
      await screen.findByText('No change requests here.'),
    ).toBeInTheDocument();
    expect(api.listRequests).toHaveBeenLastCalledWith('mine');
  });

  it('filters by what the row shows: the catalog titles of its entities', async () => {
    const api = fakeOpsApi({
      listRequests: jest.fn(async () => [
        detail({
          title:
            'Network access: component:default/case-management-ui -> component:default/fraud-scoring-service (443/tcp)',
        }),
        detail({
          id: 'cr-2',
          title: 'Security controls for component:default/x',
        }),
      ]),
    });
    await renderAt('/', api);
    const row = await screen.findByRole('link', {
      name: /^Network access: Fraud Case Management/,
    });
    await userEvent.type(
      screen.getByRole('searchbox', { name: /Filter 2 change requests/ }),
      'fraud case',
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('link', { name: /Security controls/ }),
      ).toBeNull(),
    );
    expect(row).toBeInTheDocument();
  });

  it('opens on my requests when nothing awaits my approval', async () => {
    const api = fakeOpsApi({
      listRequests: jest.fn(async (view: string) =>
        view === 'mine' ? [detail()] : [],
      ),
    });
    await renderAt('/', api);
    expect(
      await screen.findByRole('link', { name: detail().title }),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Mine' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });

  it('shows the change, policy results, approvals and audit trail', async () => {
    await renderAt(
      '/cr-20260302-abcdef',
      fakeOpsApi({ getRequest: jest.fn(async () => detail()) }),
    );
    expect(
      await screen.findByText('+ kubernetes/allow.yaml'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Policy results' }),
    ).toHaveTextContent('PASS ports-per-zone: 443/tcp allowed into zone "pci"');
    const approvals = within(
      screen.getByRole('list', { name: 'Approvals' }),
    ).getAllByRole('listitem');
    expect(approvals[0]).toHaveTextContent(
      /NetOps:.*approved by .*omar.haddad/,
    );
    expect(approvals[1]).toHaveTextContent(/SecOps:.*pending/);
    // The approving team names its people.
    await waitFor(() =>
      expect(approvals[1]).toHaveTextContent('(Noah Kim, Lucas Martin)'),
    );
    expect(screen.getByRole('list', { name: 'Audit trail' })).toHaveTextContent(
      'user:default/omar.haddad approved:netops',
    );
  });

  it('says before the last approval that it applies the change, and what changes', async () => {
    const api = fakeOpsApi({
      getRequest: jest.fn(async () =>
        detail({
          change: {
            ...detail().change,
            files: {
              'kubernetes/fraud/allow.yaml':
                'kind: NetworkPolicy\nmetadata: { name: a, namespace: fraud }\nspec:\n  ingress:\n    - from: [{ ipBlock: { cidr: 10.30.8.0/24 } }]\n',
            },
          },
        }),
      ),
      approveRequest: jest.fn(async () => detail({ state: 'applied' })),
    });
    await renderAt('/cr-20260302-abcdef', api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve' }),
    );
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent(
      'Yours is the last approval: the change is applied now. Commit abc123def456 of branch change/cr-20260302-abcdef is merged into infrastructure.',
    );
    expect(
      within(dialog)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'Files: kubernetes/fraud/allow.yaml',
      'Address ranges: 10.30.8.0/24',
      'Namespaces: fraud',
      'Expires: 2026-04-01',
    ]);
    expect(api.approveRequest).not.toHaveBeenCalled();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm approval' }),
    );
    await waitFor(() =>
      expect(api.approveRequest).toHaveBeenCalledWith('cr-20260302-abcdef'),
    );
    await waitFor(() => expect(api.getRequest).toHaveBeenCalledTimes(2));
  });

  it('says an approval that is not the last only records it', async () => {
    const api = fakeOpsApi({
      getRequest: jest.fn(async () => detail({ approvals: [] })),
    });
    await renderAt('/cr-20260302-abcdef', api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve' }),
    );
    expect(screen.getByRole('dialog')).toHaveTextContent(
      'Pending approvals: NetOps, SecOps. Yours is one of them, so nothing is applied yet.',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(api.approveRequest).not.toHaveBeenCalled();
  });

  it('lets the asked team confirm ownership or hand it over to the team that owns it', async () => {
    const recert = detail({
      kind: 'ownership-recertification',
      title: 'Confirm ownership: system:default/edge (NetOps)',
      targets: ['system:default/edge'],
      requiredApprovals: ['netops'],
      approvers: { netops: 'group:default/netops-edge' },
      approvals: [],
      requestedBy: 'ops-requests:portal',
      change: {
        provider: 'local',
        repository: '',
        branch: '',
        commit: '',
        url: '',
        files: {},
      },
      recertification: {
        declaredOn: 'system:default/edge',
        discipline: 'netops',
        team: 'group:default/netops-edge',
        entities: 3,
      },
    });
    const api = fakeOpsApi({
      getRequest: jest.fn(async () => recert),
      handOverRequest: jest.fn(async () => ({
        ...recert,
        state: 'handed-over',
      })),
    });
    await renderAt('/cr-20260302-abcdef', api);
    expect(
      await screen.findByRole('button', { name: 'Confirm ownership' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/requested by the portal/)).toBeInTheDocument();
    // Nothing is committed, so no change is shown.
    expect(screen.queryByText('The change')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Hand over' }));
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Team that owns it now' }),
      'group:default/netops-dc',
    );
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Hand over',
      }),
    );
    await waitFor(() =>
      expect(api.handOverRequest).toHaveBeenCalledWith(
        'cr-20260302-abcdef',
        'group:default/netops-dc',
        undefined,
      ),
    );
  });

  it('names entities by their catalog titles and says what the state means', async () => {
    await renderAt(
      '/cr-20260302-abcdef',
      fakeOpsApi({
        getRequest: jest.fn(async () =>
          detail({
            title:
              'Network access: component:default/case-management-ui -> component:default/fraud-scoring-service (443/tcp)',
          }),
        ),
      }),
    );
    expect(
      await screen.findByRole('heading', {
        name: /^Network access: Fraud Case Management -> Fraud Scoring Service \(443\/tcp\)/,
      }),
    ).toBeInTheDocument();
    // NetOps approved already: only SecOps is awaited.
    expect(screen.getByText('Pending: waiting for SecOps')).toBeInTheDocument();
  });

  it('names the asked team by its title in a re-certification banner', async () => {
    await renderAt(
      '/cr-20260302-abcdef',
      fakeOpsApi({
        getRequest: jest.fn(async () =>
          detail({
            kind: 'ownership-recertification',
            requiredApprovals: ['secops'],
            approvals: [],
            recertification: {
              declaredOn: 'component:default/fraud-scoring-service',
              discipline: 'secops',
              team: 'group:default/soc-tier1',
              entities: 1,
            },
          }),
        ),
      }),
    );
    expect(
      await screen.findByText('Pending: waiting for SecOps'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(document.body).toHaveTextContent(
        'SOC Tier 1 confirms its ownership or hands it over.',
      ),
    );
  });

  it('says why a rejected request was rejected, prominently', async () => {
    await renderAt(
      '/cr-20260302-abcdef',
      fakeOpsApi({
        getRequest: jest.fn(async () =>
          detail({
            state: 'rejected',
            canDecide: false,
            decidedAt: '2026-03-02T13:00:00Z',
            audit: [
              ...detail().audit,
              {
                id: 3,
                at: '2026-03-02T13:00:00Z',
                actor: 'user:default/noah.kim',
                action: 'rejected',
                fromState: 'pending',
                toState: 'rejected',
                reason: 'SSH into PCI is not allowed',
              },
            ],
          }),
        ),
      }),
    );
    expect(await screen.findByText(/^Rejected /)).toBeInTheDocument();
    expect(
      screen.getAllByText('SSH into PCI is not allowed').length,
    ).toBeGreaterThan(0);
  });

  it('asks why before rejecting', async () => {
    const api = fakeOpsApi({
      getRequest: jest.fn(async () => detail()),
      rejectRequest: jest.fn(async () => detail({ state: 'rejected' })),
    });
    await renderAt('/cr-20260302-abcdef', api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Reject' }),
    );
    const confirm = screen.getByRole('button', { name: 'Reject request' });
    expect(confirm).toBeDisabled();
    await userEvent.type(
      screen.getByLabelText('Why (the requester sees this)'),
      'SSH into PCI is not allowed',
    );
    await userEvent.click(confirm);
    await waitFor(() =>
      expect(api.rejectRequest).toHaveBeenCalledWith(
        'cr-20260302-abcdef',
        'SSH into PCI is not allowed',
      ),
    );
  });

  it('offers no decision to someone who may not decide', async () => {
    await renderAt(
      '/cr-20260302-abcdef',
      fakeOpsApi({
        getRequest: jest.fn(async () => detail({ canDecide: false })),
      }),
    );
    expect(
      await screen.findByText('+ kubernetes/allow.yaml'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
  });
});
