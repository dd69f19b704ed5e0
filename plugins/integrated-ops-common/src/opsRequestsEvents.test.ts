import {
  readOpsRequestsChanged,
  readRecertificationStatus,
} from './opsRequestsEvents';

const request = {
  id: 'CR-1',
  kind: 'network-access',
  title: 'Open 8443',
  state: 'applied',
  targets: ['Component:default/Gateway', 'not a ref', 42],
  requestedBy: 'user:default/tom',
  requestedAt: '2026-01-07T11:10:00.000Z',
  approvals: [
    { role: 'netops', by: 'user:default/ana', at: '2026-01-07T11:20:00Z' },
    { role: 'secops' },
  ],
  appliedAt: '2026-01-07T11:21:00.000Z',
  revokedAt: 'never',
  readAt: '2026-01-07T11:21:01.000Z',
  description: 'not recorded',
};

describe('readOpsRequestsChanged', () => {
  it('keeps what the lookup shows of well-formed requests, targets lower-cased', () => {
    expect(
      readOpsRequestsChanged({ requests: [request, { id: 'CR-2' }, null] }),
    ).toEqual({
      requests: [
        {
          id: 'CR-1',
          kind: 'network-access',
          title: 'Open 8443',
          state: 'applied',
          targets: ['component:default/gateway'],
          requestedBy: 'user:default/tom',
          requestedAt: '2026-01-07T11:10:00.000Z',
          approvals: [
            {
              role: 'netops',
              by: 'user:default/ana',
              at: '2026-01-07T11:20:00Z',
            },
          ],
          appliedAt: '2026-01-07T11:21:00.000Z',
          revokedAt: undefined,
          readAt: '2026-01-07T11:21:01.000Z',
        },
      ],
    });
  });

  it('reads nothing from a payload of another shape, and at most 50 requests', () => {
    expect(readOpsRequestsChanged(null)).toBeUndefined();
    expect(readOpsRequestsChanged({ requests: 'CR-1' })).toBeUndefined();
    const many = Array.from({ length: 80 }, (_, i) => ({
      ...request,
      id: `CR-${i}`,
    }));
    expect(readOpsRequestsChanged({ requests: many })?.requests).toHaveLength(
      50,
    );
  });
});

describe('readRecertificationStatus', () => {
  const item = {
    declaredOn: 'component:default/gateway',
    discipline: 'netops',
    team: 'group:default/netops-edge',
    entities: 2,
    state: 'handover-accepted',
    handOverTo: 'group:default/netops-dc',
    confirmedBy: 'not recorded',
  };

  it('keeps the well-formed items of a part', () => {
    expect(
      readRecertificationStatus({
        generatedAt: '2026-01-07T10:00:00.000Z',
        periodDays: 180,
        total: 3,
        items: [
          item,
          { ...item, discipline: 'finops' },
          { ...item, state: 'forgotten' },
        ],
      }),
    ).toEqual({
      generatedAt: '2026-01-07T10:00:00.000Z',
      periodDays: 180,
      total: 3,
      items: [
        {
          declaredOn: 'component:default/gateway',
          discipline: 'netops',
          team: 'group:default/netops-edge',
          entities: 2,
          state: 'handover-accepted',
          handOverTo: 'group:default/netops-dc',
        },
      ],
    });
  });

  it('reads nothing from a payload that is not a part of a report', () => {
    expect(readRecertificationStatus(undefined)).toBeUndefined();
    expect(
      readRecertificationStatus({ generatedAt: 'now', total: 1, items: [] }),
    ).toBeUndefined();
    expect(
      readRecertificationStatus({
        generatedAt: '2026-01-07T10:00:00.000Z',
        total: -1,
        items: [],
      }),
    ).toBeUndefined();
  });
});
