import { DatabaseOutage } from '@integrated-ops/plugin-integrated-ops-node';
import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ServiceUnavailableError } from '@backstage/errors';
import { IndexStatus } from '@integrated-ops/plugin-integrated-ops-common';
import { OwnershipIndex } from '../index/OwnershipIndex';
import { SyncResult } from './CatalogEntityMirror';
import { IndexedChanges } from '../history/OwnershipHistoryRecorder';

/** Entities patched in one go before requests get a turn. */
const SLICE = 1000;

export interface OwnershipIndexServiceOptions {
  /** The catalog's changes since the last call (a CatalogEntityMirror, in production). */
  sync: () => Promise<SyncResult>;
  logger: LoggerService;
  /** An index older than this is reported stale even if refreshes succeed. */
  staleAfterMs: number;
  now?: () => Date;
  /** Told what the index took in, after it did (the ownership history listens). */
  onIndexed?: (changes: IndexedChanges) => void;
  /** Whether the plugin's database answers; an outage marks every status degraded. */
  database?: { outage(): DatabaseOutage | undefined };
}

/** Calls fn on SLICE items at a time, letting pending requests run in between. */
async function inSlices<T>(items: T[], fn: (slice: T[]) => void) {
  for (let i = 0; i < items.length; i += SLICE) {
    if (i > 0) await new Promise(resolve => setImmediate(resolve));
    fn(items.slice(i, i + SLICE));
  }
}

/**
 * Holds the OwnershipIndex and keeps it up to date: the first refresh()
 * builds it from the whole catalog, later ones patch it with the delta. A
 * failed refresh keeps answering from the last good index and marks it
 * stale, so lookups keep working while the catalog is down.
 */
export class OwnershipIndexService {
  #index?: OwnershipIndex;
  #lastError?: string;
  #refreshing?: Promise<void>;
  #rebuildNext = true;
  /** Refreshes and patches run one at a time, in the order asked. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: OwnershipIndexServiceOptions) {}

  #now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }

  #serially<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Brings the index up to date; concurrent calls share one refresh. */
  refresh(): Promise<void> {
    this.#refreshing ??= this.#serially(() => this.#update()).finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  /**
   * Patches the index with what `fetch` returns (new versions of some
   * entities), in turn with refreshes so that neither overwrites the other
   * with an older version. Does nothing before the first build, which reads
   * everything anyway. Resolves to what fetch returned, or undefined.
   */
  patch<T extends { upserted: Entity[] }>(
    fetch: () => Promise<T>,
  ): Promise<T | undefined> {
    return this.#serially(async () => {
      const index = this.#index;
      if (!index) return undefined;
      const fetched = await fetch();
      let skipped = 0;
      await inSlices(fetched.upserted, slice => {
        skipped += index.apply({ removed: [], upserted: slice }).skipped;
      });
      if (skipped) {
        this.options.logger.debug(
          `Ownership index: ${skipped} changed entities unreadable, left out`,
        );
      }
      this.options.onIndexed?.({
        upserted: fetched.upserted,
        removed: [],
        complete: false,
        at: this.#now(),
      });
      return fetched;
    });
  }

  async #update(): Promise<void> {
    const started = Date.now();
    try {
      const delta = await this.options.sync();
      const at = this.#now();
      // A failed refresh may have lost part of a delta (the mirror moves on
      // as it goes), so the first success after one rebuilds from the whole
      // mirror, as does the very first. A rebuild is published only when
      // complete; a patch goes in place, a slice at a time, each entity
      // replaced whole.
      const rebuild = this.#rebuildNext || !this.#index;
      const index = rebuild ? OwnershipIndex.empty(at) : this.#index!;
      const removed = rebuild ? [] : delta.removed;
      const upserted = rebuild ? [...delta.entities()] : delta.upserted;
      let skipped = 0;
      await inSlices(removed, slice =>
        index.apply({ removed: slice, upserted: [] }),
      );
      await inSlices(upserted, slice => {
        skipped += index.apply({ removed: [], upserted: slice }).skipped;
      });
      const changes = removed.length + upserted.length;
      index.markCurrent(at);
      this.#index = index;
      this.#rebuildNext = false;
      this.#lastError = undefined;
      if (rebuild || changes) {
        this.options.onIndexed?.({
          upserted,
          removed: [...removed],
          complete: rebuild,
          at,
        });
      }
      if (rebuild || changes) {
        this.options.logger.info(
          `Ownership index ${
            rebuild ? 'built' : 'patched'
          }: ${changes} entities in ${Date.now() - started} ms, ${
            index.size
          } indexed${skipped ? `, ${skipped} unreadable left out` : ''}`,
        );
      }
    } catch (error) {
      this.#rebuildNext = true;
      this.#lastError = `${error}`;
      this.options.logger.warn(
        `Ownership index refresh failed; ${
          this.#index ? 'answering from the last index' : 'no index yet'
        }: ${error}`,
      );
    }
  }

  status(): IndexStatus {
    const index = this.#index;
    const ageMs = index
      ? this.#now().getTime() - index.builtAt.getTime()
      : undefined;
    return {
      builtAt: index?.builtAt.toISOString(),
      ageSeconds:
        ageMs === undefined ? undefined : Math.round(ageMs / 100) / 10,
      stale:
        !index || !!this.#lastError || (ageMs ?? 0) > this.options.staleAfterMs,
      entities: index?.size ?? 0,
      lastError: this.#lastError,
      degraded: this.options.database?.outage(),
    };
  }

  /** The current index; 503 when none could be built yet. */
  current(): OwnershipIndex {
    if (!this.#index) {
      throw new ServiceUnavailableError(
        `The ownership index is not built yet${
          this.#lastError ? `: ${this.#lastError}` : ''
        }`,
      );
    }
    return this.#index;
  }
}
