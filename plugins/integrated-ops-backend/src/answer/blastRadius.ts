import { NotFoundError } from '@backstage/errors';
import {
  BlastRadiusResponse,
  IndexStatus,
} from '@integrated-ops/plugin-integrated-ops-common';
import { classifyQuery } from '../index/classifyQuery';
import { findMatches } from '../index/findMatches';
import { OwnershipIndex } from '../index/OwnershipIndex';
import { walkDependencies } from '../index/walkDependencies';
import { AnswerOptions, buildOwnershipAnswer } from './buildOwnershipAnswer';
import { CanRead, readsEverything } from '../index/canRead';

/**
 * What depends on an entity (what else breaks) and what it depends on (where
 * the cause may be), up to `depth` hops, each with owners and on-call.
 * `entity` may be anything lookup accepts; the best match is used.
 */
export function blastRadius(
  index: OwnershipIndex,
  status: IndexStatus,
  entity: string,
  depth: number,
  at: Date,
  canRead: CanRead = readsEverything,
  options: AnswerOptions = {},
): BlastRadiusResponse {
  const [best] = findMatches(index, classifyQuery(entity), canRead);
  if (!best)
    throw new NotFoundError(`Nothing in the catalog matches "${entity}"`);
  const ref = best.entityRef;
  const withAnswers = (edges: Map<string, string[]>) =>
    walkDependencies(ref, depth, edges, canRead).map(r => ({
      ...r,
      answer: buildOwnershipAnswer(index, r.entityRef, at, options),
    }));
  return {
    entity: buildOwnershipAnswer(index, ref, at, options),
    depth,
    index: status,
    dependents: withAnswers(index.neededBy),
    dependencies: withAnswers(index.needs),
  };
}
