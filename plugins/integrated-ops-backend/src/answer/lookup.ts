import {
  DISCIPLINES,
  DisciplineAnswer,
  IndexStatus,
  LookupDetail,
  LookupMatch,
  LookupResponse,
  MatchSummary,
  OwnerBrief,
  OwnershipAnswer,
  summarizeAnswer,
} from '@integrated-ops/plugin-integrated-ops-common';
import { classifyQuery, ClassifiedQuery } from '../index/classifyQuery';
import { Candidate, rankMatches } from '../index/findMatches';
import { OwnershipIndex } from '../index/OwnershipIndex';
import { AnswerOptions, buildOwnershipAnswer } from './buildOwnershipAnswer';
import { CanRead, readsEverything } from '../index/canRead';
import { isJsonPart, markJsonPart } from './answerJson';
import { noMatchHelp } from './noMatchHelp';

/** The brief of each shared discipline answer (see answerParts), kept with it. */
const briefs = new WeakMap<DisciplineAnswer, OwnerBrief>();

/** summarizeAnswer, with the brief of a shared discipline answer made once. */
function summaryOf(answer: OwnershipAnswer): MatchSummary {
  const summary = summarizeAnswer(answer);
  for (const d of DISCIPLINES) {
    const owner = answer.owners[d];
    if (!isJsonPart(owner)) continue;
    const known = briefs.get(owner);
    if (known) summary.owners[d] = known;
    else {
      briefs.set(owner, summary.owners[d]);
      markJsonPart(summary.owners[d]);
    }
  }
  return summary;
}

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
  options: AnswerOptions & {
    detail?: LookupDetail;
    answers?: BatchAnswers;
    /** When nothing matches, say whom to call and what is near (one pass over the index). */
    helpWhenNoMatch?: boolean;
  } = {},
): LookupResponse {
  const query = classifyQuery(q);
  const detail = options.detail ?? 'best';
  const { candidates, total } = rankMatches(index, query, canRead);
  const help =
    options.helpWhenNoMatch && !candidates.length
      ? { noMatch: noMatchHelp(index, query, at, canRead, options) }
      : {};
  return {
    query: {
      q,
      interpretedAs: describeQuery(query),
      at: at.toISOString(),
      detail,
    },
    index: status,
    matches: answerMatches(index, candidates, at, options),
    totalMatches: total,
    truncated: total > candidates.length,
    ...help,
  };
}

/**
 * Answers already made, by entity ref, for lookups at one moment with the
 * same options (a batch): every IP of a busy segment lists the same members,
 * an alert storm names the same few entities. Every brief is kept (they are
 * small); full answers up to `maxFull`.
 */
export class BatchAnswers {
  readonly #briefs = new Map<string, MatchSummary>();
  readonly #full = new Map<
    string,
    { summary: MatchSummary; answer: OwnershipAnswer }
  >();

  constructor(private readonly maxFull = 100) {}

  get(ref: string, full: boolean) {
    if (full) return this.#full.get(ref);
    const summary = this.#briefs.get(ref);
    return summary && { summary, answer: undefined };
  }

  set(ref: string, summary: MatchSummary, answer?: OwnershipAnswer) {
    if (!answer) this.#briefs.set(ref, summary);
    else if (this.#full.size < this.maxFull) {
      this.#full.set(ref, { summary, answer });
    }
  }
}

/**
 * Each match in brief, the best one (or with `detail: 'full'` every one) in
 * full, answered from `index` (the live one, or a past moment's).
 */
export function answerMatches(
  index: OwnershipIndex,
  candidates: Candidate[],
  at: Date,
  options: AnswerOptions & {
    detail?: LookupDetail;
    answers?: BatchAnswers;
  } = {},
): LookupMatch[] {
  const { answers } = options;
  return candidates.map((candidate, i) => {
    // Only the answers that are sent are built in full.
    const full = i === 0 || options.detail === 'full';
    const known = answers?.get(candidate.entityRef, full);
    if (known) return { ...candidate, ...known };
    const answer = buildOwnershipAnswer(
      index,
      candidate.entityRef,
      at,
      options,
      full ? 'full' : 'brief',
    );
    const summary = summaryOf(answer);
    answers?.set(candidate.entityRef, summary, full ? answer : undefined);
    return { ...candidate, summary, answer: full ? answer : undefined };
  });
}
