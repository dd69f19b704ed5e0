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

const KIND_RANK: Record<string, number> = {
  component: 5,
  resource: 4,
  api: 3,
  system: 2,
  domain: 1,
};
const kindRank = (ref: string) => KIND_RANK[ref.split(':')[0]] ?? 0;
const MAX_CANDIDATES = 20;

function byName(index: OwnershipIndex, name: string): Candidate[] {
  const exact = index.byName.get(name) ?? [];
  if (exact.length) {
    return exact.map(entityRef => ({
      entityRef,
      matchedBy: 'name',
      score: 90 + kindRank(entityRef),
    }));
  }
  // No exact name: partial matches on name or title, best kinds first.
  const partial: Candidate[] = [];
  for (const [ref, entity] of index.entities) {
    const title = entity.metadata.title?.toLocaleLowerCase('en-US') ?? '';
    if (entity.metadata.name.toLocaleLowerCase('en-US').includes(name)) {
      partial.push({
        entityRef: ref,
        matchedBy: 'name',
        score: 40 + kindRank(ref),
      });
    } else if (title.includes(name)) {
      partial.push({
        entityRef: ref,
        matchedBy: 'title',
        score: 30 + kindRank(ref),
      });
    }
  }
  return partial;
}

function byHostname(index: OwnershipIndex, hostname: string): Candidate[] {
  return (index.byHostname.get(hostname) ?? []).map(({ ref, reason }) => ({
    entityRef: ref,
    matchedBy: reason,
    score: (reason === 'hostname' ? 95 : 85) + kindRank(ref),
    detail: hostname,
  }));
}

function byAddress(index: OwnershipIndex, address: string): Candidate[] {
  const found: Candidate[] = (index.byAddress.get(address) ?? []).map(ref => ({
    entityRef: ref,
    matchedBy: 'address',
    score: 95 + kindRank(ref),
    detail: address,
  }));
  const segment = index.segments.longestMatch(address);
  for (const segmentRef of segment?.values ?? []) {
    found.push({
      entityRef: segmentRef,
      matchedBy: 'segment',
      score: 80,
      detail: `/${segment!.prefixLength}`,
    });
    for (const member of index.segmentMembers.get(segmentRef) ?? []) {
      found.push({
        entityRef: member,
        matchedBy: 'in-segment',
        score: 60 + kindRank(member),
        detail: segmentRef,
      });
    }
  }
  return found;
}

/**
 * Ranked candidates for a query: exact refs, then hostnames and addresses,
 * then names, then the segment an IP falls in and what is declared in it.
 * An entity found several ways is listed once, under its best match; one
 * the caller may not read is not listed.
 */
export function findMatches(
  index: OwnershipIndex,
  query: ClassifiedQuery,
  canRead: CanRead = readsEverything,
): Candidate[] {
  let found: Candidate[];
  switch (query.kind) {
    case 'ref':
      found = index.entity(query.ref)
        ? [{ entityRef: query.ref, matchedBy: 'ref', score: 100 }]
        : [];
      break;
    case 'ip':
      found = byAddress(index, query.address);
      break;
    case 'cidr':
      found = byAddress(index, query.network).filter(
        c => c.matchedBy !== 'address',
      );
      break;
    case 'url':
      found = byHostname(index, query.hostname);
      break;
    case 'hostname':
      found = byHostname(index, query.hostname);
      if (!found.length) found = byName(index, query.hostname);
      break;
    default:
      found = byName(index, query.name);
  }
  const best = new Map<string, Candidate>();
  for (const candidate of found) {
    if (!canRead(candidate.entityRef)) continue;
    const seen = best.get(candidate.entityRef);
    if (!seen || seen.score < candidate.score)
      best.set(candidate.entityRef, candidate);
  }
  return [...best.values()]
    .sort((a, b) => b.score - a.score || a.entityRef.localeCompare(b.entityRef))
    .slice(0, MAX_CANDIDATES);
}
