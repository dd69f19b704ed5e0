import { StoredRequestInput } from '../requests/RequestStore';

/** A network access request as the template creates it. */
export function sampleRequest(
  overrides: Partial<StoredRequestInput> = {},
): StoredRequestInput {
  return {
    id: 'cr-20260302-abcdef',
    kind: 'network-access',
    title:
      'Network access: case-management-ui -> fraud-scoring-service (443/tcp)',
    description: 'Analysts need fraud scores in the case view',
    targets: [
      'component:default/fraud-scoring-service',
      'component:default/case-management-ui',
    ],
    change: {
      provider: 'local',
      repository: 'infrastructure',
      branch: 'change/cr-20260302-abcdef',
      commit: 'abc123',
      url: '/data/git/infrastructure.git',
      files: { 'kubernetes/allow.yaml': 'kind: NetworkPolicy\n' },
    },
    policy: {
      version: 'northbridge-change-policy@2026.11.1',
      results: [{ rule: 'cidr-breadth', passed: true, message: 'ok' }],
    },
    requiredApprovals: ['netops', 'secops'],
    approvers: {
      netops: 'group:default/netops-dc',
      secops: 'group:default/soc-tier1',
    },
    requestedBy: 'user:default/guest',
    requestedAt: '2026-03-02T12:00:00.000Z',
    expiresAt: '2026-04-01',
    ...overrides,
  };
}
