import { OwnershipHistoryStore } from './OwnershipHistoryStore';

/** For each ref the history last saw leave the catalog (by `now`): when. */
export async function whenRemoved(
  store: OwnershipHistoryStore,
  refs: string[],
  now: Date,
): Promise<Map<string, string>> {
  const latest = await store.asOf(now.toISOString(), { refs });
  const removed = new Map<string, string>();
  for (const [ref, entry] of latest) {
    if (!entry.snapshot) removed.set(ref, entry.recordedAt);
  }
  return removed;
}
