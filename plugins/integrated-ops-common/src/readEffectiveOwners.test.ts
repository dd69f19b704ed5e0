import { opsOwnerRefs, readEffectiveOwners } from './readEffectiveOwners';
import { entity } from './testEntities';

describe('readEffectiveOwners', () => {
  it('reads owners and their sources back from the processed entity', () => {
    const processed = {
      ...entity(
        'Component',
        'gw',
        { owner: 'payments-edge-team' },
        {
          annotations: {
            'integrated-ops.io/netops-owner-source': 'declared',
            'integrated-ops.io/devops-owner-source':
              'inherited:system:default/edge',
            'integrated-ops.io/secops-owner-source': 'fallback',
          },
        },
      ),
      relations: [
        { type: 'netopsOwnedBy', targetRef: 'group:default/netops-edge' },
        { type: 'devopsOwnedBy', targetRef: 'group:default/sre-payments' },
        { type: 'ownedBy', targetRef: 'group:default/payments-edge-team' },
      ],
    };
    // Approvals and form defaults take declared and inherited owners only.
    expect(opsOwnerRefs(processed)).toEqual({
      netops: 'group:default/netops-edge',
      devops: 'group:default/sre-payments',
    });
    expect(readEffectiveOwners(processed)).toEqual({
      netops: {
        discipline: 'netops',
        owner: 'group:default/netops-edge',
        source: 'declared',
        declaredOn: 'component:default/gw',
      },
      devops: {
        discipline: 'devops',
        owner: 'group:default/sre-payments',
        source: 'inherited',
        declaredOn: 'system:default/edge',
      },
      secops: {
        discipline: 'secops',
        owner: 'group:default/payments-edge-team',
        source: 'fallback',
      },
    });
  });

  it('reports missing when there is neither a relation nor a spec.owner', () => {
    expect(readEffectiveOwners(entity('Domain', 'x')).netops).toEqual({
      discipline: 'netops',
      source: 'missing',
    });
  });
});
