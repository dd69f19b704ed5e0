/*
 * Ranking without sorting everything: the best 20 and the count of every
 * readable match are what collecting all matches, sorting them and taking
 * the first 20 gives (the way matches were ranked before they were bounded).
 */
import { Entity } from '@backstage/catalog-model';
import { busySegmentCatalog, make, owned } from '../__testUtils__/testCatalog';
import { CanRead, readsEverything } from './canRead';
import { classifyQuery } from './classifyQuery';
import { Candidate, MAX_MATCHES, rankMatches } from './findMatches';
import { OwnershipIndex } from './OwnershipIndex';

const KIND_RANK: Record<string, number> = {
  component: 5,
  resource: 4,
  api: 3,
  system: 2,
  domain: 1,
};
const kindRank = (ref: string) => KIND_RANK[ref.split(':')[0]] ?? 0;

/** Every match of an IP or a name, deduplicated, sorted: the reference. */
function everyMatch(index: OwnershipIndex, q: string, canRead: CanRead) {
  const query = classifyQuery(q);
  const found: Candidate[] = [];
  if (query.kind === 'ip') {
    for (const ref of index.byAddress.get(query.address) ?? []) {
      found.push({
        entityRef: ref,
        matchedBy: 'address',
        score: 95 + kindRank(ref),
      });
    }
    const segment = index.segments.longestMatch(query.address);
    for (const segmentRef of segment?.values ?? []) {
      found.push({ entityRef: segmentRef, matchedBy: 'segment', score: 80 });
      for (const member of index.segmentMembers.get(segmentRef) ?? []) {
        found.push({
          entityRef: member,
          matchedBy: 'in-segment',
          score: 60 + kindRank(member),
        });
      }
    }
  } else if (query.kind === 'name') {
    for (const [ref, entity] of index.entities) {
      const title = entity.metadata.title?.toLocaleLowerCase('en-US') ?? '';
      if (
        entity.metadata.name.toLocaleLowerCase('en-US').includes(query.name)
      ) {
        found.push({
          entityRef: ref,
          matchedBy: 'name',
          score: 40 + kindRank(ref),
        });
      } else if (title.includes(query.name)) {
        found.push({
          entityRef: ref,
          matchedBy: 'title',
          score: 30 + kindRank(ref),
        });
      }
    }
  }
  const best = new Map<string, Candidate>();
  for (const c of found) {
    if (!canRead(c.entityRef)) continue;
    const seen = best.get(c.entityRef);
    if (!seen || seen.score < c.score) best.set(c.entityRef, c);
  }
  return [...best.values()].sort(
    (a, b) => b.score - a.score || a.entityRef.localeCompare(b.entityRef),
  );
}

// A busy segment with mixed kinds, names in no particular order, a member
// declaring the address itself, and titles that match where names do not.
const catalog: Entity[] = [
  ...busySegmentCatalog(150).reverse(),
  ...Array.from({ length: 60 }, (_, i) =>
    make(
      ['Resource', 'API', 'System'][i % 3],
      `zz-${(i * 37) % 60}`,
      {
        type: 'x',
        network: {
          segment: 'resource:default/seg-dmz',
          addresses: i === 7 ? ['10.20.1.99'] : [],
        },
      },
      owned('netops-edge', 'sre', 'soc-t1'),
      { title: `Busy thing ${i}` },
    ),
  ),
];
const index = OwnershipIndex.build(catalog);

describe('rankMatches', () => {
  it.each([
    ['10.20.1.99', 'everything', readsEverything],
    ['10.20.1.99', 'every other entity', (ref: string) => ref.length % 2 === 0],
    [
      '10.20.1.5',
      'no components',
      (ref: string) => !ref.startsWith('component:'),
    ],
    ['busy', 'everything', readsEverything],
    ['busy', 'every other entity', (ref: string) => ref.length % 2 === 1],
    ['thing', 'everything', readsEverything],
  ] as const)(
    '%s read by a caller who may read %s: the best 20 of all, and all counted',
    (q, _who, canRead) => {
      const all = everyMatch(index, q, canRead);
      expect(all.length).toBeGreaterThan(MAX_MATCHES);
      const ranked = rankMatches(index, classifyQuery(q), canRead);
      expect(ranked.total).toBe(all.length);
      expect(
        ranked.candidates.map(c => [c.entityRef, c.matchedBy, c.score]),
      ).toEqual(
        all.slice(0, MAX_MATCHES).map(c => [c.entityRef, c.matchedBy, c.score]),
      );
    },
  );
});
