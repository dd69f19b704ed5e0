import { recertificationDrift } from './recertificationDrift';

describe('recertificationDrift', () => {
  it('lists per team what it has not confirmed, and accepted hand-overs the catalog lacks', () => {
    const item = (
      declaredOn: string,
      team: string,
      state: any,
      extra: object = {},
    ) => ({
      declaredOn,
      discipline: 'netops' as const,
      team,
      entities: 3,
      state,
      ...extra,
    });
    const drift = recertificationDrift(
      [
        item('system:default/edge', 'group:default/netops-edge', 'confirmed'),
        item('system:default/core', 'group:default/netops-dc', 'due'),
        item('resource:default/cases-db', 'group:default/netops-dc', 'pending'),
        item(
          'system:default/web',
          'group:default/netops-edge',
          'handover-accepted',
          {
            handOverTo: 'group:default/netops-dc',
          },
        ),
      ],
      180,
    );
    expect(drift).toEqual([
      {
        team: 'group:default/netops-edge',
        kind: 'handover-not-in-catalog',
        message:
          'group:default/netops-dc accepted NetOps ownership of system:default/web from group:default/netops-edge; its catalog file still names group:default/netops-edge',
        entities: ['system:default/web'],
        entityCount: 3,
      },
      {
        team: 'group:default/netops-dc',
        kind: 'ownership-unconfirmed',
        message:
          'group:default/netops-dc has not confirmed 2 ownership declarations (6 entities) within 180 days',
        entities: [
          'system:default/core (NetOps)',
          'resource:default/cases-db (NetOps)',
        ],
        entityCount: 6,
      },
    ]);
  });
});
