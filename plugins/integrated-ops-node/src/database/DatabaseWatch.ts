import { databaseUnreachableCause } from './databaseUnreachable';

/**
 * Since when, and why, the database has been unreachable.
 *
 * @public
 */
export interface DatabaseOutage {
  /** ISO instant of the first failed probe of this outage. */
  since: string;
  /** Why the database cannot be reached, in words (from the last failed probe). */
  cause: string;
}

/**
 * Knows whether the plugin's database answers, from a cheap probe run every
 * few seconds (never on a request's path). Reads served from memory (the
 * lookup index) use it to say they are degraded; nothing waits on it.
 *
 * @public
 */
export class DatabaseWatch {
  #outage?: DatabaseOutage;

  constructor(
    private readonly probe: () => Promise<unknown>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A watch on a knex database: `select 1`. */
  static of(db: { raw(sql: string): PromiseLike<unknown> }): DatabaseWatch {
    return new DatabaseWatch(() => Promise.resolve(db.raw('select 1')));
  }

  /** The current outage, or undefined while the database answers. */
  outage(): DatabaseOutage | undefined {
    return this.#outage;
  }

  /** Probes once; an error that is not about reaching the database counts as reachable. */
  async check(): Promise<void> {
    try {
      await this.probe();
      this.#outage = undefined;
    } catch (error) {
      const cause = databaseUnreachableCause(error);
      if (!cause) {
        this.#outage = undefined;
        return;
      }
      this.#outage = {
        since: this.#outage?.since ?? this.now().toISOString(),
        cause,
      };
    }
  }

  /** Probes every `intervalMs` until the returned function is called. */
  start(intervalMs: number): () => void {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      this.check().finally(() => {
        running = false;
      });
    }, intervalMs);
    timer.unref?.();
    return () => clearInterval(timer);
  }
}
