import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { lowerRef } from '@integrated-ops/plugin-integrated-ops-common';

/** Waits between reads of refs the catalog does not serve changed yet. */
const RETRY_MS = [100, 200, 300, 500];

export interface EntityChangeFollowerOptions {
  /**
   * Reads the refs again and patches the index with the changed ones; the
   * rest come back as unchanged (OwnershipIndexService.patch over
   * CatalogEntityMirror.refetch, in production).
   */
  patch: (
    refs: string[],
  ) => Promise<{ upserted: Entity[]; unchanged: string[] } | undefined>;
  /**
   * Lists the whole catalog again (OwnershipIndexService.refresh): cheaper
   * than following a burst of more than `maxFollowed` refs one by one.
   */
  relist: () => Promise<void>;
  logger: LoggerService;
  /** How long a ref is followed before the periodic listing is left to it. */
  followMs?: number;
  /** Most refs followed one by one (default 2000). */
  maxFollowed?: number;
  /** How long after a burst the catalog is listed (default 2 s: stitching). */
  relistAfterMs?: number;
  now?: () => number;
}

/**
 * Turns "the catalog processed these entities with changed ownership facts"
 * into index patches. The catalog serves a processed entity only once it is
 * stitched (about a second later), so each announced ref is read again until
 * the catalog serves a version the index does not have, or until `followMs`
 * has passed (a change that stitched to nothing new, a failed processing):
 * then the periodic etag listing remains the safety net. A burst (a first
 * ingestion, a big location refresh) is left to one early listing instead.
 */
export class EntityChangeFollower {
  /** Ref -> when to stop asking. */
  readonly #following = new Map<string, number>();
  #timer?: NodeJS.Timeout;
  #relistTimer?: NodeJS.Timeout;
  #running = false;
  #attempt = 0;
  #stopped = false;

  constructor(private readonly options: EntityChangeFollowerOptions) {}

  #now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Starts (or restarts) following the given refs. */
  follow(refs: string[]): void {
    if (this.#stopped || refs.length === 0) return;
    const until = this.#now() + (this.options.followMs ?? 30_000);
    for (const ref of refs) this.#following.set(lowerRef(ref), until);
    if (this.#following.size > (this.options.maxFollowed ?? 2000)) {
      this.#following.clear();
      this.#relistSoon();
      return;
    }
    this.#attempt = 0;
    this.#schedule(0);
  }

  #relistSoon() {
    if (this.#relistTimer) return;
    this.#relistTimer = setTimeout(() => {
      this.#relistTimer = undefined;
      this.options.relist().catch(() => {});
    }, this.options.relistAfterMs ?? 2000);
    this.#relistTimer.unref?.();
  }

  /** Refs still being followed. */
  get following(): number {
    return this.#following.size;
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    clearTimeout(this.#relistTimer);
    this.#following.clear();
  }

  #schedule(delayMs: number) {
    if (this.#running || this.#stopped) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#pass(), delayMs);
    this.#timer.unref?.();
  }

  async #pass(): Promise<void> {
    this.#timer = undefined;
    this.#running = true;
    const asked = new Map(this.#following);
    const refs = [...asked.keys()];
    try {
      const result = await this.options.patch(refs);
      // Without an index yet there is nothing to patch: its first build
      // reads everything.
      const waiting = new Set(result?.unchanged ?? []);
      // A ref announced again during this pass stays followed.
      for (const ref of refs) {
        if (!waiting.has(ref) && this.#following.get(ref) === asked.get(ref)) {
          this.#following.delete(ref);
        }
      }
      if (result?.upserted.length) {
        this.options.logger.debug(
          `Ownership index: ${result.upserted.length} changed entities patched from events`,
        );
      }
    } catch (error) {
      this.options.logger.warn(
        `Could not read ${refs.length} changed entities from the catalog: ${error}`,
      );
    } finally {
      this.#running = false;
    }
    const now = this.#now();
    for (const [ref, until] of this.#following) {
      if (until <= now) this.#following.delete(ref);
    }
    if (this.#following.size) {
      const delay = RETRY_MS[Math.min(this.#attempt, RETRY_MS.length - 1)];
      this.#attempt += 1;
      this.#schedule(delay);
    }
  }
}
