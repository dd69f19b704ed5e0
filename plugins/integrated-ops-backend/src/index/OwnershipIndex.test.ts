import { testCatalog } from '../__testUtils__/testCatalog';
import { classifyQuery } from './classifyQuery';
import { findMatches } from './findMatches';
import { OwnershipIndex } from './OwnershipIndex';
import { walkDependencies } from './walkDependencies';

const index = OwnershipIndex.build(
  testCatalog,
  new Date('2026-02-01T00:00:00Z'),
);
const matches = (q: string) =>
  findMatches(index, classifyQuery(q)).map(
    m => `${m.entityRef} ${m.matchedBy}`,
  );

describe('OwnershipIndex lookups', () => {
  it('finds an exact address first, then its most specific segment and what is in it', () => {
    expect(matches('10.20.1.10')).toEqual([
      'component:default/gateway address',
      'resource:default/seg-dmz segment',
      'component:default/web in-segment',
    ]);
  });

  it('finds the broad segment for an address only it covers', () => {
    expect(matches('10.99.1.1')).toEqual(['resource:default/seg-corp segment']);
  });

  it('finds declared hostnames and API server hosts, from a URL too', () => {
    expect(matches('https://api.pay.example/v2')).toEqual([
      'component:default/gateway hostname',
    ]);
    expect(matches('scoring.internal')).toEqual([
      'api:default/score-api api-server',
    ]);
  });

  it('ranks exact names over partial ones and lists partial matches as candidates', () => {
    expect(matches('gateway')).toEqual(['component:default/gateway name']);
    expect(matches('s')).toContain('component:default/scoring name');
    expect(matches('no-such-thing')).toEqual([]);
  });
});

describe('OwnershipIndex build', () => {
  it('skips a malformed segment ref instead of failing the whole build', () => {
    const broken = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'broken', namespace: 'default' },
      spec: { network: { segment: 'resource:ns/' } },
    };
    const built = OwnershipIndex.build([...testCatalog, broken]);
    expect(built.entity('component:default/broken')).toBeDefined();
    expect(built.needs.get('component:default/broken')).toBeUndefined();
  });
});

describe('dependency walk', () => {
  it('lists what breaks when kafka breaks, hop by hop', () => {
    expect(
      walkDependencies('resource:default/kafka', 3, index.neededBy),
    ).toEqual([
      {
        entityRef: 'component:default/gateway',
        hop: 1,
        via: 'resource:default/kafka',
      },
      {
        entityRef: 'component:default/scoring',
        hop: 1,
        via: 'resource:default/kafka',
      },
      {
        entityRef: 'component:default/web',
        hop: 2,
        via: 'component:default/gateway',
      },
      {
        entityRef: 'api:default/score-api',
        hop: 2,
        via: 'component:default/scoring',
      },
    ]);
  });

  it('stops at the requested depth', () => {
    expect(
      walkDependencies('resource:default/kafka', 1, index.neededBy).map(
        r => r.entityRef,
      ),
    ).toEqual(['component:default/gateway', 'component:default/scoring']);
  });

  it('follows consumed APIs to their providers and the segment a component sits in', () => {
    expect(
      walkDependencies('component:default/gateway', 2, index.needs).map(
        r => `${r.hop} ${r.entityRef}`,
      ),
    ).toEqual([
      '1 resource:default/seg-dmz',
      '1 resource:default/kafka',
      '1 api:default/score-api',
      '2 component:default/scoring',
    ]);
  });
});
