import { MatchReason } from '@integrated-ops/plugin-integrated-ops-common';
import { CanRead, readsEverything } from './canRead';
import { ClassifiedQuery } from './classifyQuery';
import { OwnershipIndex } from './OwnershipIndex';

export interface Candidate {
  entityRef: string;
  matchedBy: MatchReason;
  score: number;
  detail?: string;
}

const KIND_RANK = new Map([
  ['component', 5],
  ['resource', 4],
  ['api', 3],
  ['system', 2],
  ['domain', 1],
]);
const kindRank = (ref: string) => {
  const colon = ref.indexOf(':');
  return KIND_RANK.get(colon < 0 ? ref : ref.slice(0, colon)) ?? 0;
};

/**
 * The most matches a lookup lists: an IP in a busy segment matches every
 * entity declared in it, a short name half the catalog. The rest are
 * counted (`totalMatches`), never listed.
 */
export const MAX_MATCHES = 20;

/** The first `MAX_MATCHES` candidates, best first, and how many there were. */
export interface RankedMatches {
  candidates: Candidate[];
  /** Every distinct entity the caller may read that matched. */
  total: number;
}

const collator = new Intl.Collator();
/** Best first: higher score, then by ref. */
const byRank = (a: Candidate, b: Candidate) =>
  b.score - a.score || collator.compare(a.entityRef, b.entityRef);

/**
 * Counts every readable match and keeps the best `MAX_MATCHES` in rank
 * order - as sorting them all and taking the first would, without holding
 * them all: a segment with thousands of members costs one comparison per
 * member, and a candidate is only made for one that ranks among the best.
 */
class MatchRanking {
  total = 0;
  readonly top: Candidate[] = [];

  constructor(private readonly canRead: CanRead) {}

  /** A match that is offered once (its source names each entity once). */
  offer(ref: string, score: number, candidate: () => Candidate) {
    if (!this.canRead(ref)) return;
    this.total++;
    const { top } = this;
    if (top.length === MAX_MATCHES) {
      const worst = top[MAX_MATCHES - 1];
      if (
        score < worst.score ||
        (score === worst.score && collator.compare(ref, worst.entityRef) >= 0)
      ) {
        return;
      }
    }
    const made = candidate();
    let i = top.length;
    while (i > 0 && byRank(made, top[i - 1]) < 0) i--;
    top.splice(i, 0, made);
    if (top.length > MAX_MATCHES) top.pop();
  }

  /**
   * Matches that may name an entity more than once: each is offered once,
   * under its best match. Returns every entity named.
   */
  offerAll(candidates: Candidate[]): Set<string> {
    const best = new Map<string, Candidate>();
    for (const candidate of candidates) {
      const seen = best.get(candidate.entityRef);
      if (!seen || seen.score < candidate.score) {
        best.set(candidate.entityRef, candidate);
      }
    }
    for (const candidate of best.values()) {
      this.offer(candidate.entityRef, candidate.score, () => candidate);
    }
    return new Set(best.keys());
  }
}

function byName(index: OwnershipIndex, name: string, ranking: MatchRanking) {
  const exact = index.byName.get(name) ?? [];
  if (exact.length) {
    ranking.offerAll(
      exact.map(entityRef => ({
        entityRef,
        matchedBy: 'name',
        score: 90 + kindRank(entityRef),
      })),
    );
    return;
  }
  // No exact name: partial matches on name or title, best kinds first.
  for (const [ref, entity] of index.entities) {
    if (entity.metadata.name.toLocaleLowerCase('en-US').includes(name)) {
      const score = 40 + kindRank(ref);
      ranking.offer(ref, score, () => ({
        entityRef: ref,
        matchedBy: 'name',
        score,
      }));
    } else if (
      entity.metadata.title?.toLocaleLowerCase('en-US').includes(name)
    ) {
      const score = 30 + kindRank(ref);
      ranking.offer(ref, score, () => ({
        entityRef: ref,
        matchedBy: 'title',
        score,
      }));
    }
  }
}

function byHostname(index: OwnershipIndex, hostname: string): Candidate[] {
  return (index.byHostname.get(hostname) ?? []).map(({ ref, reason }) => ({
    entityRef: ref,
    matchedBy: reason,
    score: (reason === 'hostname' ? 95 : 85) + kindRank(ref),
    detail: hostname,
  }));
}

/**
 * Entities declaring the address (unless only the network is asked), the
 * most specific segment containing it, and everything declared in that
 * segment - one by one, however many.
 */
function byAddress(
  index: OwnershipIndex,
  address: string,
  ranking: MatchRanking,
  withAddress: boolean,
) {
  const direct: Candidate[] = withAddress
    ? (index.byAddress.get(address) ?? []).map(ref => ({
        entityRef: ref,
        matchedBy: 'address',
        score: 95 + kindRank(ref),
        detail: address,
      }))
    : [];
  const segment = index.segments.longestMatch(address);
  const segmentRefs = segment?.values ?? [];
  for (const segmentRef of segmentRefs) {
    direct.push({
      entityRef: segmentRef,
      matchedBy: 'segment',
      score: 80,
      detail: `/${segment!.prefixLength}`,
    });
  }
  // Found by address or as the segment: better than as a member.
  const named = ranking.offerAll(direct);
  // A member of two segments of the same network is counted once.
  const counted = segmentRefs.length > 1 ? new Set<string>() : undefined;
  for (const segmentRef of segmentRefs) {
    for (const member of index.segmentMembers.get(segmentRef) ?? []) {
      if (named.has(member) || counted?.has(member)) continue;
      counted?.add(member);
      const score = 60 + kindRank(member);
      ranking.offer(member, score, () => ({
        entityRef: member,
        matchedBy: 'in-segment',
        score,
        detail: segmentRef,
      }));
    }
  }
}

/**
 * Ranked candidates for a query: exact refs, then hostnames and addresses,
 * then names, then the segment an IP falls in and what is declared in it.
 * An entity found several ways is listed once, under its best match; one
 * the caller may not read is not listed. At most `MAX_MATCHES`.
 */
export function findMatches(
  index: OwnershipIndex,
  query: ClassifiedQuery,
  canRead: CanRead = readsEverything,
): Candidate[] {
  return rankMatches(index, query, canRead).candidates;
}

/** `findMatches` with the number of matches beyond the ones listed. */
export function rankMatches(
  index: OwnershipIndex,
  query: ClassifiedQuery,
  canRead: CanRead = readsEverything,
): RankedMatches {
  const ranking = new MatchRanking(canRead);
  switch (query.kind) {
    case 'ref':
      if (index.entity(query.ref)) {
        ranking.offerAll([
          { entityRef: query.ref, matchedBy: 'ref', score: 100 },
        ]);
      }
      break;
    case 'ip':
      byAddress(index, query.address, ranking, true);
      break;
    case 'cidr':
      byAddress(index, query.network, ranking, false);
      break;
    case 'url':
      ranking.offerAll(byHostname(index, query.hostname));
      break;
    case 'hostname': {
      const found = byHostname(index, query.hostname);
      if (found.length) ranking.offerAll(found);
      else byName(index, query.hostname, ranking);
      break;
    }
    default:
      byName(index, query.name, ranking);
  }
  return { candidates: ranking.top, total: ranking.total };
}
