import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ServiceUnavailableError } from '@backstage/errors';
import { IndexStatus } from '@internal/plugin-integrated-ops-common';
import { OwnershipIndex } from '../index/OwnershipIndex';

export interface OwnershipIndexServiceOptions {
  /** Reads every entity the index should hold (the catalog, in production). */
  loadEntities: () => Promise<Entity[]>;
  logger: LoggerService;
  /** An index older than this is reported stale even if refreshes succeed. */
  staleAfterMs: number;
  now?: () => Date;
}

/**
 * Holds the current OwnershipIndex and rebuilds it from the catalog on
 * refresh(). A failed refresh keeps answering from the last good index and
 * marks it stale, so lookups keep working while the catalog is down.
 */
export class OwnershipIndexService {
  #index?: OwnershipIndex;
  #lastError?: string;
  #refreshing?: Promise<void>;

  constructor(private readonly options: OwnershipIndexServiceOptions) {}

  #now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }

  /** Rebuilds the index; concurrent calls share one rebuild. */
  refresh(): Promise<void> {
    this.#refreshing ??= this.#rebuild().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  async #rebuild(): Promise<void> {
    const started = Date.now();
    try {
      const entities = await this.options.loadEntities();
      this.#index = OwnershipIndex.build(entities, this.#now());
      this.#lastError = undefined;
      this.options.logger.info(
        `Ownership index rebuilt: ${this.#index.size} entities in ${
          Date.now() - started
        } ms`,
      );
    } catch (error) {
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
