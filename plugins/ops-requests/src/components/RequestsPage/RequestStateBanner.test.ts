import { ChangeRequestDetail } from '@integrated-ops/plugin-ops-requests-common';
import { stateBanner } from './RequestStateBanner';

const base = {
  id: 'cr-1',
  kind: 'network-access',
  title: 't',
  description: 'd',
  targets: [],
  change: {
    provider: 'local',
    repository: 'infrastructure',
    branch: 'change/cr-1',
    commit: 'abc',
    url: '/git/infrastructure.git',
    files: {},
  },
  policy: { version: 'p@1', results: [] },
  requiredApprovals: ['netops', 'secops'],
  approvers: {},
  approvals: [],
  state: 'pending',
  requestedBy: 'user:default/guest',
  requestedAt: '2026-03-02T12:00:00Z',
  audit: [],
  canDecide: false,
} as ChangeRequestDetail;

type Audit = ChangeRequestDetail['audit'][number];
const audit = (
  action: string,
  toState?: Audit['toState'],
  reason?: string,
): Audit => ({
  id: 9,
  at: '2026-03-02T13:00:00Z',
  actor: 'ops-requests:portal',
  action,
  ...(toState ? { toState } : {}),
  ...(reason ? { reason } : {}),
});

describe('stateBanner', () => {
  it('names the approvals still awaited', () => {
    expect(
      stateBanner({
        ...base,
        approvals: [{ discipline: 'netops', decidedBy: 'u', decidedAt: 'x' }],
      })?.title,
    ).toBe('Pending: waiting for SecOps');
  });

  it('says an approved request the backend could not merge is not applied, and why', () => {
    expect(
      stateBanner({
        ...base,
        state: 'approved',
        audit: [
          audit('approved:secops', 'approved'),
          audit('apply-refused', undefined, 'main moved: rebase the branch'),
        ],
      }),
    ).toEqual({
      status: 'warning',
      title: 'Approved, not applied',
      description: 'main moved: rebase the branch',
    });
  });

  it('says an expired request was never applied, with the backend reason', () => {
    expect(
      stateBanner({
        ...base,
        state: 'expired',
        audit: [audit('expired', 'expired', 'not approved before 2026-03-09')],
      }),
    ).toEqual({
      status: 'warning',
      title: 'Expired: never applied',
      description: 'not approved before 2026-03-09',
    });
  });

  it('gives a done re-certification its audit words, not a merge', () => {
    const banner = stateBanner({
      ...base,
      state: 'applied',
      change: { ...base.change, repository: '' },
      recertification: {
        declaredOn: 'component:default/a',
        discipline: 'netops',
        team: 'group:default/b',
        entities: 1,
      },
      audit: [
        audit(
          'applied',
          'applied',
          'Hand-over accepted: set spec.opsOwners.netops',
        ),
      ],
    });
    expect(banner?.description).toBe(
      'Hand-over accepted: set spec.opsOwners.netops',
    );
    expect(banner?.description).not.toMatch(/Merged/);
  });

  it('names the team a re-certification was handed over to, and that it is closed here', () => {
    const banner = stateBanner({
      ...base,
      state: 'handed-over',
      audit: [audit('handed-over', 'handed-over', 'to group:default/netops-b')],
    });
    expect(banner?.title).toBe('Handed over to group:default/netops-b');
    expect(banner?.description).toMatch(/^Closed here/);
  });

  it('tells a hand-over offer who answers it', () => {
    expect(
      stateBanner({
        ...base,
        requiredApprovals: ['netops'],
        recertification: {
          declaredOn: 'component:default/a',
          discipline: 'netops',
          team: 'group:default/netops-b',
          handOverFrom: 'group:default/netops-a',
          entities: 1,
        },
      })?.description,
    ).toBe(
      'group:default/netops-b accepts or refuses the hand-over from group:default/netops-a.',
    );
  });
});
