import { OwnershipIndex } from '../index/OwnershipIndex';
import { markJsonPart } from './answerJson';

/**
 * Parts of answers made once and reused: a team as an answer shows it, who
 * is on call for it, its escalation path, and a discipline's whole answer
 * (which depends on the owning team, how it was found and where it was
 * declared, not on the entity asking), shared by every answer that names
 * them until the index changes or the on-call moment moves on.
 *
 * What a part may depend on, and how each is honoured:
 * - the index's content: a part is kept per index and per index version
 *   (`OwnershipIndex.version`, bumped by every patch, so an entity edit, a
 *   team edit or a removal starts afresh);
 * - the moment asked (`at`): while a part is built every YAML shift it reads
 *   narrows the span of time the part stays true for (from the latest shift
 *   start to the earliest handoff); a part is reused only for moments inside
 *   that span, so an answer after a handoff names the next person;
 * - vendor on-call (PagerDuty, Opsgenie) and its freshness (`ageSeconds`,
 *   `fetchedAt`, unavailability): a part that read any vendor answer is
 *   never kept, it is built for each request as before;
 * - the options (`providers`, `noOwnerEscalation`): part of the key;
 *   answers with `ownersOf` (as-of answers from a past view) are never cached.
 *
 * Nothing here knows the caller: parts are built for every reader alike
 * (teams and people are not filtered by catalog permission in an answer),
 * and what a caller may see is still decided per request by the matching and
 * the dependency walk, which never hand an unreadable entity to the builder.
 *
 * Parts are shared between answers: nobody may modify them (answers are
 * serialized or read, never changed in place; the as-of answers, which add
 * their history to an answer, are built uncached).
 */

/** The span of time (ms since the epoch) a part stays true for, and whether it rests on vendor data. */
export interface Validity {
  from: number;
  until: number;
  volatile: boolean;
}

/** The validity of the part being built, if any (parts may nest: a discipline holds a team's). */
let open: Validity | undefined;

/** A YAML shift was read: the part being built holds only within it. */
export function noteShift(from: number, until: number): void {
  if (!open) return;
  // An unreadable bound (no handoff) makes the part hold for no moment at all.
  open.from = Math.max(open.from, Number.isNaN(from) ? Infinity : from);
  open.until = Math.min(open.until, Number.isNaN(until) ? -Infinity : until);
}

/** A vendor answer (or its absence) was read: the part being built is not kept. */
export function noteVolatile(): void {
  if (open) open.volatile = true;
}

function noteValidity(validity: Validity) {
  if (!open) return;
  open.from = Math.max(open.from, validity.from);
  open.until = Math.min(open.until, validity.until);
  open.volatile ||= validity.volatile;
}

function tracked<T>(build: () => T): { value: T; validity: Validity } {
  const outer = open;
  const mine: Validity = { from: -Infinity, until: Infinity, volatile: false };
  open = mine;
  try {
    return { value: build(), validity: mine };
  } finally {
    open = outer;
    noteValidity(mine);
  }
}

type Entry = { value: unknown; validity: Validity };

/**
 * At most this many parts per index and options; the oldest go first. Parts
 * are per team and per owner as found, not per entity: measured at 200k
 * entities, 10,000 parts and 12 MiB (with their JSON text) after 15,000
 * lookups and 500 blast radii, against the index's 171 MiB.
 */
export const MAX_PARTS = 50_000;

class Parts {
  readonly byOptions = new Map<unknown, Map<string, Entry>>();
  constructor(readonly version: number) {}
}

const cache = new WeakMap<OwnershipIndex, Parts>();

/** What decides whether a part may be shared: everything of the options but `ownersOf`. */
export interface PartOptions {
  noOwnerEscalation?: string;
  providers?: object;
  ownersOf?: unknown;
}

function entriesFor(
  index: OwnershipIndex,
  options: PartOptions,
): Map<string, Entry> {
  let parts = cache.get(index);
  if (!parts || parts.version !== index.version) {
    parts = new Parts(index.version);
    cache.set(index, parts);
  }
  let byEscalation = parts.byOptions.get(options.providers);
  if (!byEscalation) {
    byEscalation = new Map();
    parts.byOptions.set(options.providers, byEscalation);
  }
  return byEscalation;
}

/**
 * The part under `key` for the moment `at`: the kept one while it holds,
 * else `build()` (kept when it rests on no vendor data). `key` must name
 * everything the part depends on besides the index, the moment and the
 * options.
 */
export function cachedPart<T>(
  index: OwnershipIndex,
  options: PartOptions,
  key: string,
  at: Date,
  build: () => T,
): T {
  if (options.ownersOf) return build();
  const entries = entriesFor(index, options);
  const fullKey = `${options.noOwnerEscalation ?? ''}\u0000${key}`;
  const t = at.getTime();
  const known = entries.get(fullKey);
  if (known && known.validity.from <= t && t < known.validity.until) {
    noteValidity(known.validity);
    return known.value as T;
  }
  const { value, validity } = tracked(build);
  if (!validity.volatile && validity.from <= t && t < validity.until) {
    if (known) entries.delete(fullKey);
    else if (entries.size >= MAX_PARTS) {
      entries.delete(entries.keys().next().value!);
    }
    entries.set(fullKey, { value, validity });
    markJsonPart(value);
  }
  return value;
}

/** How many parts are kept for an index (tests and the benchmark). */
export function keptParts(index: OwnershipIndex): number {
  const parts = cache.get(index);
  if (!parts || parts.version !== index.version) return 0;
  let n = 0;
  for (const entries of parts.byOptions.values()) n += entries.size;
  return n;
}
