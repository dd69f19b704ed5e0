import { ChangePlan } from '@integrated-ops/plugin-ops-requests-common';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import {
  fakeOpsApi,
  opsRequestsApiRef,
  renderWithApis,
} from '../../__testUtils__/renderWithApis';
import { ChangePlanPreview } from './ChangePlanPreview';

const plan = (passed: boolean): ChangePlan => ({
  kind: 'network-access',
  title: 'Network access',
  description: '',
  targets: ['component:default/fraud-scoring-service'],
  policy: {
    version: 'northbridge-change-policy@2026.11.1',
    passed,
    results: [
      {
        rule: 'ports-per-zone',
        passed,
        message: passed
          ? '443/tcp allowed into zone "pci"'
          : '22/tcp is not allowed into zone "pci"',
      },
    ],
  },
  requiredApprovals: ['netops', 'secops'],
  approvers: { netops: 'group:default/netops-dc' },
  files: {
    'kubernetes/fraud/allow.yaml':
      'kind: NetworkPolicy\nmetadata: { name: a, namespace: fraud }\n',
  },
});

const form = {
  source: 'component:default/case-management-ui',
  destination: 'component:default/fraud-scoring-service',
  ports: '443/tcp',
  justification: 'Analysts need fraud scores in the case view',
  expiresAt: '2026-12-31',
  serverDecision: undefined,
};

function renderField(
  api: ReturnType<typeof fakeOpsApi>,
  formData: Record<string, unknown> = form,
  more: object = {},
) {
  const props = {
    formContext: { formData },
    uiSchema: {
      'ui:options': {
        ...more,
        kind: 'network-access',
        fields: [
          'source',
          'destination',
          'ports',
          'justification',
          'expiresAt',
        ],
      },
    },
  } as any;
  return renderWithApis(<ChangePlanPreview {...props} />, [
    [opsRequestsApiRef, api],
    [catalogApiRef, catalogApiMock()],
  ]);
}

describe('ChangePlanPreview', () => {
  it('asks the server about exactly the intent fields and shows its verdict, approvers and files', async () => {
    const api = fakeOpsApi({ previewRequest: jest.fn(async () => plan(true)) });
    await renderField(api);
    expect(
      await screen.findByText(
        'Policy northbridge-change-policy@2026.11.1: allowed, pending approval',
      ),
    ).toBeInTheDocument();
    expect(api.previewRequest).toHaveBeenCalledWith({
      kind: 'network-access',
      source: 'component:default/case-management-ui',
      destination: 'component:default/fraud-scoring-service',
      ports: '443/tcp',
      justification: 'Analysts need fraud scores in the case view',
      expiresAt: '2026-12-31',
    });
    const approvers = within(screen.getByRole('list', { name: 'Approvers' }))
      .getAllByRole('listitem')
      .map(li => li.textContent);
    expect(approvers[0]).toMatch(/^NetOps: .*netops-dc/);
    expect(approvers[1]).toBe(
      'SecOps: no owner: the request cannot be approved',
    );
    expect(
      screen.getByRole('list', { name: 'What it changes' }),
    ).toHaveTextContent('Files: kubernetes/fraud/allow.yamlNamespaces: fraud');
  });

  it('says a refused request will fail, rule by rule', async () => {
    await renderField(
      fakeOpsApi({ previewRequest: jest.fn(async () => plan(false)) }),
    );
    expect(
      await screen.findByText(
        'Policy northbridge-change-policy@2026.11.1: refused - Create will fail',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Policy results' }),
    ).toHaveTextContent(
      'FAIL ports-per-zone: 22/tcp is not allowed into zone "pci"',
    );
  });

  it('shows the server’s error when the form is not complete enough to judge', async () => {
    await renderField(
      fakeOpsApi({
        previewRequest: jest.fn(() =>
          Promise.reject(new Error('ports: "22/xyz" is not a port')),
        ),
      }),
    );
    expect(
      await screen.findByText('The server cannot judge this request yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('ports: "22/xyz" is not a port'),
    ).toBeInTheDocument();
  });

  it('fills an intent field from the first alternative filled in: an address range instead of an entity', async () => {
    const api = fakeOpsApi({ previewRequest: jest.fn(async () => plan(true)) });
    const from = { source: ['sourceRange', 'source'] };
    await renderField(
      api,
      { ...form, sourceRange: '203.0.113.0/24' },
      { from },
    );
    await screen.findByText(/allowed, pending approval/);
    expect(api.previewRequest).toHaveBeenLastCalledWith(
      expect.objectContaining({ source: '203.0.113.0/24' }),
    );

    const again = fakeOpsApi({
      previewRequest: jest.fn(async () => plan(true)),
    });
    await renderField(again, { ...form, sourceRange: '' }, { from });
    await screen.findAllByText(/allowed, pending approval/);
    expect(again.previewRequest).toHaveBeenLastCalledWith(
      expect.objectContaining({
        source: 'component:default/case-management-ui',
      }),
    );
  });
});
