import {
  LookupMatch,
  OwnershipAnswer,
} from '@integrated-ops/plugin-integrated-ops-common';

/** A match that carries its full answer: the best one of a lookup. */
export type AnsweredMatch = LookupMatch & { answer: OwnershipAnswer };

export const isAnswered = (m?: LookupMatch): m is AnsweredMatch => !!m?.answer;
