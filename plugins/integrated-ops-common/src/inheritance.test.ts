import {
  collectAncestors,
  describeOwnerSource,
  inheritanceParentRef,
  resolveEffectiveOwners,
} from './inheritance';
import { entity } from './testEntities';

const payments = entity('Domain', 'payments', {
  owner: 'digital-payments',
  opsOwners: {
    netops: 'netops-edge',
    devops: 'sre-payments',
    secops: 'soc-tier1',
  },
});
const fraud = entity('Domain', 'fraud', {
  owner: 'fraud-ml',
  subdomainOf: 'payments',
  opsOwners: { netops: 'netops-dc' },
});
const scoringSystem = entity('System', 'fraud-detection', {
  owner: 'fraud-ml',
  domain: 'fraud',
  opsOwners: { devops: 'platform-delivery' },
});
const scoring = entity('Component', 'scoring', {
  owner: 'fraud-ml',
  system: 'fraud-detection',
  opsOwners: { secops: 'soc-tier2' },
});

const catalog = new Map(
  [payments, fraud, scoringSystem, scoring].map(e => [
    `${e.kind.toLowerCase()}:default/${e.metadata.name}`,
    e,
  ]),
);
const lookup = async (ref: string) => catalog.get(ref);

describe('inheritance', () => {
  it('finds the parent for each kind', () => {
    expect(inheritanceParentRef(scoring)).toBe(
      'system:default/fraud-detection',
    );
    expect(inheritanceParentRef(scoringSystem)).toBe('domain:default/fraud');
    expect(inheritanceParentRef(fraud)).toBe('domain:default/payments');
    expect(inheritanceParentRef(payments)).toBeUndefined();
  });

  it('walks component -> system -> domain -> parent domain', async () => {
    const ancestors = await collectAncestors(scoring, lookup);
    expect(ancestors.map(a => a.metadata.name)).toEqual([
      'fraud-detection',
      'fraud',
      'payments',
    ]);
  });

  it('stops on a domain cycle', async () => {
    const a = entity('Domain', 'a', { subdomainOf: 'b' });
    const b = entity('Domain', 'b', { subdomainOf: 'a' });
    const cyclic = new Map([
      ['domain:default/a', a],
      ['domain:default/b', b],
    ]);
    const ancestors = await collectAncestors(a, async r => cyclic.get(r));
    expect(ancestors.map(x => x.metadata.name)).toEqual(['b']);
  });

  it('takes each discipline from the nearest declaration', async () => {
    const owners = resolveEffectiveOwners(
      scoring,
      await collectAncestors(scoring, lookup),
    );
    expect(owners).toEqual({
      secops: {
        discipline: 'secops',
        owner: 'group:default/soc-tier2',
        source: 'declared',
        declaredOn: 'component:default/scoring',
      },
      devops: {
        discipline: 'devops',
        owner: 'group:default/platform-delivery',
        source: 'inherited',
        declaredOn: 'system:default/fraud-detection',
      },
      netops: {
        discipline: 'netops',
        owner: 'group:default/netops-dc',
        source: 'inherited',
        declaredOn: 'domain:default/fraud',
      },
    });
    expect(describeOwnerSource(owners.devops)).toBe(
      'inherited:system:default/fraud-detection',
    );
  });

  it('falls back to spec.owner when nothing declares an ops owner', () => {
    const legacy = entity('Component', 'legacy', { owner: 'fraud-ml' });
    const owners = resolveEffectiveOwners(legacy, []);
    expect(owners.netops).toEqual({
      discipline: 'netops',
      owner: 'group:default/fraud-ml',
      source: 'fallback',
    });
    expect(describeOwnerSource(owners.secops)).toBe('fallback');
  });

  it('reports missing when there is not even a spec.owner', () => {
    expect(
      resolveEffectiveOwners(entity('Domain', 'orphan'), []).devops,
    ).toEqual({ discipline: 'devops', source: 'missing' });
  });

  it('ignores an invalid declaration and inherits instead', async () => {
    const broken = entity('Component', 'broken', {
      system: 'fraud-detection',
      opsOwners: { devops: 'user:someone' },
    });
    const owners = resolveEffectiveOwners(
      broken,
      await collectAncestors(broken, lookup),
    );
    expect(owners.devops.source).toBe('inherited');
  });
});
