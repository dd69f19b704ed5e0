import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  OPS_FACTS_CHANGED_MAX_REFS,
  OPS_FACTS_CHANGED_TOPIC,
  OpsFactsChangedEvent,
} from '@integrated-ops/plugin-integrated-ops-common';

export interface OpsFactsChangePublisherOptions {
  events: EventsService;
  logger: LoggerService;
  /** How long changes are gathered into one event (default 100 ms). */
  flushAfterMs?: number;
}

/**
 * Announces, on the events service, the entities the processor found with
 * changed ownership facts. Refs are gathered for `flushAfterMs` (a location
 * refresh changes many at once) and sent in batches of at most
 * OPS_FACTS_CHANGED_MAX_REFS. A failed send is logged, not retried: the
 * lookup's periodic catalog listing picks the change up anyway.
 */
export class OpsFactsChangePublisher {
  readonly #pending = new Set<string>();
  #timer?: NodeJS.Timeout;
  #sending: Promise<void> = Promise.resolve();

  constructor(private readonly options: OpsFactsChangePublisherOptions) {}

  changed(entityRef: string): void {
    this.#pending.add(entityRef);
    if (this.#timer) return;
    this.#timer = setTimeout(
      () => this.flush(),
      this.options.flushAfterMs ?? 100,
    );
    this.#timer.unref?.();
  }

  /** Sends what is pending now; resolves when every batch so far is out. */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const refs = [...this.#pending];
    this.#pending.clear();
    if (refs.length) this.#sending = this.#sending.then(() => this.#send(refs));
    return this.#sending;
  }

  async #send(refs: string[]): Promise<void> {
    const processedAt = new Date().toISOString();
    for (let i = 0; i < refs.length; i += OPS_FACTS_CHANGED_MAX_REFS) {
      const eventPayload: OpsFactsChangedEvent = {
        entityRefs: refs.slice(i, i + OPS_FACTS_CHANGED_MAX_REFS),
        processedAt,
      };
      try {
        await this.options.events.publish({
          topic: OPS_FACTS_CHANGED_TOPIC,
          eventPayload,
        });
      } catch (error) {
        this.options.logger.warn(
          `Could not announce ${eventPayload.entityRefs.length} entities with changed ownership facts: ${error}`,
        );
      }
    }
  }
}
