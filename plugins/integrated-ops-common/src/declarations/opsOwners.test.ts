import { Entity } from '@backstage/catalog-model';
import { parseOpsOwners } from './opsOwners';

const component = (opsOwners: unknown): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'svc' },
  spec: {
    type: 'service',
    owner: 'team-a',
    lifecycle: 'production',
    opsOwners,
  } as Entity['spec'],
});

describe('parseOpsOwners', () => {
  it('normalises short refs to full group refs', () => {
    expect(
      parseOpsOwners(
        component({ netops: 'netops-edge', secops: 'group:soc-tier1' }),
      ),
    ).toEqual({
      ok: true,
      value: {
        netops: 'group:default/netops-edge',
        secops: 'group:default/soc-tier1',
      },
    });
  });

  it('treats an entity without spec.opsOwners as declaring nothing', () => {
    expect(parseOpsOwners(component(undefined))).toEqual({
      ok: true,
      value: {},
    });
  });

  it('rejects an owner that is a user, naming the field', () => {
    const result = parseOpsOwners(
      component({ devops: 'user:default/ana.silva' }),
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        'spec.opsOwners.devops: "user:default/ana.silva" must refer to a group, not a user',
      ],
    });
  });

  it('rejects an unknown discipline key', () => {
    const result = parseOpsOwners(
      component({ finops: 'group:default/finance' }),
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]).toMatch(/spec\.opsOwners.*finops/);
  });

  it('rejects a non-string owner', () => {
    const result = parseOpsOwners(component({ netops: 42 }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]).toMatch(
      /^spec\.opsOwners\.netops: /,
    );
  });
});
