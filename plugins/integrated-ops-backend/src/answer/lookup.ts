import {
  IndexStatus,
  LookupDetail,
  LookupMatch,
  LookupResponse,
  summarizeAnswer,
} from '@integrated-ops/plugin-integrated-ops-common';
import { classifyQuery, ClassifiedQuery } from '../index/classifyQuery';
import { Candidate, findMatches } from '../index/findMatches';
import { OwnershipIndex } from '../index/OwnershipIndex';
import { AnswerOptions, buildOwnershipAnswer } from './buildOwnershipAnswer';
import { CanRead, readsEverything } from '../index/canRead';

export function describeQuery(query: ClassifiedQuery): string {
  switch (query.kind) {
    case 'ip':
      return `IP address ${query.address}`;
    case 'cidr':
      return `network ${query.cidr}`;
    case 'url':
      return `URL on host ${query.hostname}`;
    case 'ref':
      return `entity ${query.ref}`;
    case 'hostname':
      return `hostname ${query.hostname}`;
    default:
      return `name "${query.name}"`;
  }
}

/**
 * Answers "whose is this?" for a name, ref, hostname, URL, IP or CIDR: every
 * match in brief, the best one (or with `detail: 'full'` every one) in full.
 */
export function lookup(
  index: OwnershipIndex,
  status: IndexStatus,
  q: string,
  at: Date,
  canRead: CanRead = readsEverything,
  options: AnswerOptions & { detail?: LookupDetail } = {},
): LookupResponse {
  const query = classifyQuery(q);
  const detail = options.detail ?? 'best';
  return {
    query: {
      q,
      interpretedAs: describeQuery(query),
      at: at.toISOString(),
      detail,
    },
    index: status,
    matches: answerMatches(
      index,
      findMatches(index, query, canRead),
      at,
      options,
    ),
  };
}

/**
 * Each match in brief, the best one (or with `detail: 'full'` every one) in
 * full, answered from `index` (the live one, or a past moment's).
 */
export function answerMatches(
  index: OwnershipIndex,
  candidates: Candidate[],
  at: Date,
  options: AnswerOptions & { detail?: LookupDetail } = {},
): LookupMatch[] {
  return candidates.map((candidate, i) => {
    // Only the answers that are sent are built in full.
    const full = i === 0 || options.detail === 'full';
    const answer = buildOwnershipAnswer(
      index,
      candidate.entityRef,
      at,
      options,
      full ? 'full' : 'brief',
    );
    return {
      ...candidate,
      summary: summarizeAnswer(answer),
      answer: full ? answer : undefined,
    };
  });
}

/**
 * Many lookups at one moment, for automation (the batch route, the MCP
 * action): the caller's read filter and the index status are asked once.
 */
export function lookupMany(
  index: OwnershipIndex,
  status: IndexStatus,
  queries: string[],
  at: Date,
  canRead: CanRead,
  options: AnswerOptions & { detail?: LookupDetail } = {},
): LookupResponse[] {
  return queries.map(q => lookup(index, status, q, at, canRead, options));
}
