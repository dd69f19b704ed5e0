import {
  DISCIPLINES,
  EffectiveOwners,
  OwnerChange,
  OwnershipTimeline,
} from '@integrated-ops/plugin-integrated-ops-common';
import { HistoryEntry } from './OwnershipHistoryStore';
import { OwnersSnapshot } from './ownershipSnapshot';

const ownersIn = (entry: HistoryEntry): EffectiveOwners | undefined =>
  (entry.snapshot as OwnersSnapshot | undefined)?.owners;

/**
 * The owners card's view of an entity's history: per discipline the owner
 * now and since when, and each change of an owner, newest first. `entries`:
 * the entity's history entries, newest first (as many as should be shown,
 * plus one to tell whether the oldest shown was a change).
 */
export function ownershipTimeline(
  entityRef: string,
  entries: HistoryEntry[],
  historyStartsAt?: string,
): OwnershipTimeline {
  const chronological = [...entries].reverse();
  const changes: OwnerChange[] = [];
  const current = {} as OwnershipTimeline['current'];
  for (const discipline of DISCIPLINES) {
    let since: string | undefined;
    let previous: string | undefined;
    let seen = false;
    for (const entry of chronological) {
      const owner = ownersIn(entry)?.[discipline];
      const ref = owner?.owner;
      if (!seen || ref !== previous) {
        // The oldest entry kept starts the story; it is a change only if
        // it is the entity's first entry ever.
        if (seen || entry.seq === 1) {
          changes.push({
            at: entry.recordedAt,
            discipline,
            from: previous,
            to: ref,
            source: owner?.source ?? 'missing',
          });
        }
        since = entry.recordedAt;
      }
      previous = ref;
      seen = true;
    }
    const newest = entries[0] ? ownersIn(entries[0])?.[discipline] : undefined;
    current[discipline] = {
      owner: newest?.owner,
      source: newest?.source ?? 'missing',
      since,
    };
  }
  changes.sort((a, b) => b.at.localeCompare(a.at));
  return { entityRef, current, changes, historyStartsAt };
}
