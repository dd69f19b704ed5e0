import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { MAX_MATCHES } from '../index/findMatches';
import { toJson } from './answerJson';

/**
 * What one request of many lookups may cost, decided from the request before
 * any lookup runs: how many queries, how many of them in full, and how many
 * bytes of answers (the rest are listed as not answered, never dropped).
 */
export const BATCH_LIMITS = {
  /** Queries per batch (`POST /lookup/batch`, MCP `ops-lookup-many`). */
  maxQueries: 1000,
  /** Queries per batch with `detail: "full"`: each may answer up to `maxMatches` entities in full. */
  maxFullQueries: 20,
  /** Matches listed per query (the rest are counted: `totalMatches`, `truncated`). */
  maxMatches: MAX_MATCHES,
  /** JSON bytes of the answered results of one `POST /lookup/batch`. */
  budgetBytes: 10_000_000,
  /** JSON bytes of the answered results of one `ops-lookup-many` call (an agent's context). */
  mcpBudgetBytes: 2_000_000,
} as const;

/** Longest run of lookups before other requests get the event loop. */
const SLICE_MS = 0.5;

export interface BatchOutcome {
  /** Results answered: the first `answered` queries, in order. */
  answered: number;
  /** JSON bytes of the answered results. */
  bytes: number;
  /** The caller went away and answering stopped. */
  cancelled: boolean;
}

/**
 * Answers queries in order, handing each result (and its JSON) to `emit`:
 * in slices of about 1 ms with the event loop given back in between (a
 * concurrent single lookup waits one slice, not the whole batch), each
 * distinct query answered once, and only while the answers stay within
 * `budgetBytes`: from the first result that would pass it, every query left
 * gets `skipped(q)` instead, so a batch answers a prefix of its queries in
 * full and says where it stopped.
 */
export async function answerInSlices<A, S>(
  queries: readonly string[],
  options: {
    answer: (q: string) => A;
    skipped: (q: string) => S;
    budgetBytes: number;
    /**
     * Takes each result in order; a promise returned means "wait": the
     * reader is behind (the response's buffer is full), go on when it
     * resolves. So a slow reader holds the batch, not the server's memory.
     */
    emit: (
      json: string,
      result: A | S,
      position: number,
    ) => void | Promise<void>;
    /** Asked between slices: true stops answering (the client went away). */
    cancelled?: () => boolean;
    sliceMs?: number;
  },
): Promise<BatchOutcome> {
  const sliceMs = options.sliceMs ?? SLICE_MS;
  // Queries asked more than once (the same address in an alert storm) are
  // answered once; each answer is kept until its last repeat, no longer.
  const repeats = new Map<string, number>();
  for (const q of queries) repeats.set(q, (repeats.get(q) ?? 0) + 1);
  const answers = new Map<string, { json: string; result: A }>();
  let bytes = 0;
  let answered = 0;
  let spent = false;
  let sliceStart = performance.now();
  for (let position = 0; position < queries.length; position++) {
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      if (options.cancelled?.()) return { answered, bytes, cancelled: true };
      sliceStart = performance.now();
    }
    const q = queries[position];
    const left = repeats.get(q)! - 1;
    repeats.set(q, left);
    if (!spent) {
      let done = answers.get(q);
      if (!done) {
        const result = options.answer(q);
        done = { json: toJson(result), result };
      }
      if (left) answers.set(q, done);
      else answers.delete(q);
      const size = Buffer.byteLength(done.json);
      if (bytes + size <= options.budgetBytes) {
        bytes += size;
        answered++;
        if (await waited(options.emit(done.json, done.result, position))) {
          if (options.cancelled?.())
            return { answered, bytes, cancelled: true };
        }
        continue;
      }
      spent = true;
      answers.clear();
    }
    const result = options.skipped(q);
    if (await waited(options.emit(JSON.stringify(result), result, position))) {
      if (options.cancelled?.()) return { answered, bytes, cancelled: true };
    }
  }
  return { answered, bytes, cancelled: false };
}

/**
 * Awaits what `emit` returned, if anything; true if it had to wait. A wait
 * may end within the same turn of the event loop (a write that completed at
 * once drains on the next tick), so it does not count as giving the loop
 * back: only the slices' setImmediate does.
 */
async function waited(wait: void | Promise<void>): Promise<boolean> {
  if (!wait) return false;
  await wait;
  return true;
}

/** What a truncated batch says, in words. */
export function budgetMessage(
  answered: number,
  total: number,
  budgetBytes: number,
) {
  return (
    `Answered the first ${answered} of ${total} queries: the next answer would pass ` +
    `the batch's answer budget of ${budgetBytes} bytes. Ask again with the queries ` +
    `from position ${answered} (0-based) on, or fewer at a time.`
  );
}
