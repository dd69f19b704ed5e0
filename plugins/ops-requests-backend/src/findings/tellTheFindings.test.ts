import { ChangeRequest } from '@integrated-ops/plugin-ops-requests-common';
import { riskAcceptanceChange } from './tellTheFindings';

const request = (over: Partial<ChangeRequest>): ChangeRequest =>
  ({
    id: 'cr-20261206-abc123',
    kind: 'risk-acceptance',
    state: 'applied',
    targets: ['component:default/payments-web'],
    expiresAt: '2027-01-05T00:00:00.000Z',
    appliedAt: '2026-12-06T19:00:00.000Z',
    intent: {
      kind: 'risk-acceptance',
      component: 'payments-web',
      finding: '8',
      justification: 'x'.repeat(30),
      expiresAt: '2027-01-05',
    },
    ...over,
  } as ChangeRequest);

describe('riskAcceptanceChange', () => {
  it('tells the findings plugin the resolved component, the finding, the state and the end', () => {
    expect(riskAcceptanceChange(request({}))).toEqual({
      request: 'cr-20261206-abc123',
      entityRef: 'component:default/payments-web',
      finding: '8',
      state: 'applied',
      until: '2027-01-05T00:00:00.000Z',
      appliedAt: '2026-12-06T19:00:00.000Z',
    });
    expect(riskAcceptanceChange(request({ state: 'revoked' }))?.state).toBe(
      'revoked',
    );
  });

  it('says nothing of other kinds of request', () => {
    expect(
      riskAcceptanceChange(request({ kind: 'security-controls' })),
    ).toBeUndefined();
  });
});
