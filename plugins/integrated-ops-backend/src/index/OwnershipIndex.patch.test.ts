import { Entity } from '@backstage/catalog-model';
import { testCatalog } from '../__testUtils__/testCatalog';
import { classifyQuery } from './classifyQuery';
import { findMatches } from './findMatches';
import { OwnershipIndex } from './OwnershipIndex';

const named = (name: string) =>
  testCatalog.find(e => e.metadata.name === name)!;
const withSpec = (entity: Entity, spec: object, relations = entity.relations) =>
  ({ ...entity, spec: { ...entity.spec, ...spec }, relations } as Entity);

// Every kind of change a catalog delta can carry, against the test catalog.
const gatewayMoved = withSpec(
  named('gateway'),
  {
    network: {
      hostnames: ['pay-api.example'],
      addresses: ['10.99.0.7'],
      segment: 'resource:default/seg-corp',
    },
  },
  [
    ...named('gateway').relations!.filter(r => r.type !== 'dependsOn'),
    { type: 'dependsOn', targetRef: 'component:default/ledger' },
  ],
);
const dmzResized = withSpec(named('seg-dmz'), {
  network: { cidrs: ['10.20.0.0/22'] },
});
const edgeTeamChanged = {
  ...named('netops-edge'),
  relations: [
    { type: 'hasMember', targetRef: 'user:default/ana' },
    { type: 'hasMember', targetRef: 'user:default/priya' },
  ],
};
const ledger: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'ledger', namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'fraud-team',
    network: { hostnames: ['ledger.internal'], segment: 'seg-dmz' },
  },
  relations: [{ type: 'dependsOn', targetRef: 'resource:default/kafka' }],
};
const removed = ['component:default/web', 'resource:default/seg-corp'];

const after = [
  ...testCatalog
    .filter(e => !['web', 'seg-corp'].includes(e.metadata.name))
    .map(
      e =>
        ({
          gateway: gatewayMoved,
          'seg-dmz': dmzResized,
          'netops-edge': edgeTeamChanged,
        }[e.metadata.name] ?? e),
    ),
  ledger,
];

/** Everything the index answers from, with list order left out. */
function contents(index: OwnershipIndex) {
  const sorted = <V>(map: Map<string, V[]>) =>
    Object.fromEntries(
      [...map]
        .map(([k, v]) => [k, v.map(x => JSON.stringify(x)).sort()] as const)
        .sort(([a], [b]) => a.localeCompare(b)),
    );
  const queries = [
    '10.20.1.10',
    '10.20.3.1',
    '10.99.0.7',
    '10.1.1.1',
    'api.pay.example',
    'pay-api.example',
    'ledger.internal',
    'pay.example',
    'web',
    'gateway',
  ];
  return {
    entities: [...index.entities.keys()].sort(),
    byName: sorted(index.byName),
    byHostname: sorted(index.byHostname),
    byAddress: sorted(index.byAddress),
    segmentMembers: sorted(index.segmentMembers),
    needs: sorted(index.needs),
    neededBy: sorted(index.neededBy),
    members: sorted(index.members),
    teams: [...index.teams.keys()].sort(),
    networks: [...index.networks.keys()].sort(),
    segments: index.segments.size,
    answers: queries.map(q => [q, findMatches(index, classifyQuery(q))]),
  };
}

describe('OwnershipIndex patched with a delta', () => {
  const patched = OwnershipIndex.build(testCatalog);
  patched.apply({
    upserted: [gatewayMoved, dmzResized, edgeTeamChanged, ledger],
    removed,
  });

  it('holds exactly what an index built from the new catalog holds', () => {
    expect(contents(patched)).toEqual(contents(OwnershipIndex.build(after)));
  });

  it('no longer answers from what the old versions declared', () => {
    const found = (q: string) =>
      findMatches(patched, classifyQuery(q)).map(
        m => `${m.entityRef} ${m.matchedBy}`,
      );
    expect(found('api.pay.example')).toEqual([]);
    expect(found('10.20.1.10')).toEqual([
      'resource:default/seg-dmz segment',
      'component:default/ledger in-segment',
    ]);
    expect(found('10.99.0.7')).toEqual(['component:default/gateway address']);
    expect(patched.neededBy.get('resource:default/kafka')).toEqual([
      'component:default/scoring',
      'component:default/ledger',
    ]);
    expect(patched.members.get('group:default/netops-edge')).toEqual([
      'user:default/ana',
      'user:default/priya',
    ]);
  });

  it('keeps an entity whose network declaration is invalid, without its network facts', () => {
    const index = OwnershipIndex.build(testCatalog);
    const invalid = withSpec(named('seg-dmz'), {
      network: { cidrs: ['10.20.1.0/24'], addresses: ['not-an-ip'] },
    });
    expect(index.apply({ upserted: [invalid], removed: [] })).toEqual({
      skipped: 0,
    });
    expect(index.entity('resource:default/seg-dmz')).toBeDefined();
    expect(index.segments.longestMatch('10.20.1.10')?.values).toEqual([
      'resource:default/seg-corp',
    ]);
  });

  it('leaves out a new version it cannot read at all, and its old one with it', () => {
    const index = OwnershipIndex.build(testCatalog);
    const unreadable = {
      ...named('gateway'),
      get spec(): never {
        throw new Error('unreadable');
      },
    } as unknown as Entity;
    expect(index.apply({ upserted: [unreadable], removed: [] })).toEqual({
      skipped: 1,
    });
    expect(index.entity('component:default/gateway')).toBeUndefined();
    expect(index.byHostname.get('api.pay.example')).toBeUndefined();
  });
});
