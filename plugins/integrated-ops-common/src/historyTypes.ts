import { Discipline } from './disciplines';
import { OwnerSource } from './inheritance';

/** Wire types of the ownership history (GET /lookup?asOf=, GET /history). */

/** A change request that touched an entity, as the review after an incident reads it. */
export interface ChangeOnRecord {
  id: string;
  title: string;
  kind: string;
  state: string;
  requestedBy: string;
  requestedAt: string;
  approvals: { role: string; by: string; at: string }[];
  appliedAt?: string;
  revokedAt?: string;
}

/** What an as-of answer rests on. */
export interface AnswerHistory {
  asOf: string;
  /** False: nothing was recorded for this entity at or before asOf (the owners shown are missing, not known). */
  known: boolean;
  /** When the owners in force at asOf were recorded. */
  ownersRecordedAt?: string;
  /** The oldest entry the history keeps (retention). */
  historyStartsAt?: string;
  /** Change requests that named it as a target, requested at or before asOf, newest first. */
  changes: ChangeOnRecord[];
  /** Why the change requests could not be listed. */
  changesUnavailable?: string;
}

/** One change of one discipline's owner. */
export interface OwnerChange {
  at: string;
  discipline: Discipline;
  from?: string;
  to?: string;
  source: OwnerSource;
}

/** `GET /history?entity=`: the owners card's "owner since" and timeline. */
export interface OwnershipTimeline {
  entityRef: string;
  /** Per discipline: the owner now and since when (as far back as the history goes). */
  current: Record<
    Discipline,
    { owner?: string; source: OwnerSource; since?: string }
  >;
  /** Newest first. */
  changes: OwnerChange[];
  historyStartsAt?: string;
}
