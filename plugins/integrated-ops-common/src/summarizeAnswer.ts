import { Discipline, DISCIPLINES } from './disciplines';
import type { MatchSummary, OwnerBrief, OwnershipAnswer } from './lookupTypes';

/**
 * An answer in brief: the entity and, per discipline, team, source, who is on call, whether nobody can be paged.
 *
 * @public
 */
export function summarizeAnswer(answer: OwnershipAnswer): MatchSummary {
  const { ref, kind, type, title, system } = answer.entity;
  const owners = {} as Record<Discipline, OwnerBrief>;
  for (const d of DISCIPLINES) {
    const owner = answer.owners[d];
    owners[d] = {
      source: owner.source,
      team: owner.ownerRef,
      title: owner.team?.title,
      onCall: owner.onCall.find(s => s.person)?.person?.name,
      noOwner: owner.noOwner?.reason,
    };
  }
  return { entity: { ref, kind, type, title, system }, owners };
}
