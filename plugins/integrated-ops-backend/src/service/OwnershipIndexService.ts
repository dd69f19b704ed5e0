import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ServiceUnavailableError } from '@backstage/errors';
import { IndexStatus } from '@internal/plugin-integrated-ops-common';
import { OwnershipIndex } from '../index/OwnershipIndex';
import { SyncResult } from './CatalogEntityMirror';

/** Entities patched in one go before requests get a turn. */
const SLICE = 1000;

export interface OwnershipIndexServiceOptions {
  /** The catalog's changes since the last call (a CatalogEntityMirror, in production). */
  sync: () => Promise<SyncResult>;
  logger: LoggerService;
  /** An index older than this is reported stale even if refreshes succeed. */
  staleAfterMs: number;
  now?: () => Date;
}

/** Lets pending requests run between two slices of a long patch. */
const yieldToRequests = () => new Promise(resolve => setImmediate(resolve));

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

  constructor(private readonly options: OwnershipIndexServiceOptions) {}

  #now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }

  /** Brings the index up to date; concurrent calls share one refresh. */
  refresh(): Promise<void> {
    this.#refreshing ??= this.#update().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
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
      const first = this.#rebuildNext || !this.#index;
      const index = first ? OwnershipIndex.empty(at) : this.#index!;
      let skipped = 0;
      const changes = first
        ? [...delta.entities()]
        : [...delta.removed, ...delta.upserted];
      for (let i = 0; i < changes.length; i += SLICE) {
        if (i > 0) await yieldToRequests();
        const slice = changes.slice(i, i + SLICE);
        skipped += index.apply({
          removed: slice.filter((c): c is string => typeof c === 'string'),
          upserted: slice.filter((c): c is Entity => typeof c !== 'string'),
        }).skipped;
      }
      index.markCurrent(at);
      this.#index = index;
      this.#rebuildNext = false;
      this.#lastError = undefined;
      if (first || changes.length) {
        this.options.logger.info(
          `Ownership index ${first ? 'built' : 'patched'}: ${
            changes.length
          } entities in ${Date.now() - started} ms, ${index.size} indexed${
            skipped ? `, ${skipped} unreadable left out` : ''
          }`,
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
