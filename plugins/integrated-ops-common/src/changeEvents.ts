/**
 * The events-service topic on which the catalog module announces entities
 * whose ownership facts changed in processing, so that every replica's lookup
 * index re-reads them as soon as the catalog serves the new version.
 *
 * @public
 */
export const OPS_FACTS_CHANGED_TOPIC = 'integrated-ops.ops-facts-changed';

/**
 * Most refs carried by one event; a larger burst goes out as several.
 *
 * @public
 */
export const OPS_FACTS_CHANGED_MAX_REFS = 500;

/**
 * The payload of an {@link OPS_FACTS_CHANGED_TOPIC} event.
 *
 * @public
 */
export interface OpsFactsChangedEvent {
  /** Refs of the entities the catalog processed with changed facts. */
  entityRefs: string[];
  /** When the catalog processed them (ISO 8601). */
  processedAt: string;
}

/**
 * Reads an event payload defensively (events can come from other replicas,
 * or other versions of this plugin): the valid refs, at most
 * {@link OPS_FACTS_CHANGED_MAX_REFS}, or none.
 *
 * @public
 */
export function readOpsFactsChanged(payload: unknown): string[] {
  const refs = (payload as Partial<OpsFactsChangedEvent> | null)?.entityRefs;
  if (!Array.isArray(refs)) return [];
  return refs
    .slice(0, OPS_FACTS_CHANGED_MAX_REFS)
    .filter(
      (ref): ref is string =>
        typeof ref === 'string' &&
        ref.length <= 500 &&
        /^[^:]+:[^/]+\/.+$/.test(ref),
    );
}
