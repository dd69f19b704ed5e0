import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  OPS_REQUESTS_CHANGED_MAX,
  OPS_REQUESTS_CHANGED_TOPIC,
  OpsRequestsChangedEvent,
  RECERTIFICATION_STATUS_MAX_ITEMS,
  RECERTIFICATION_STATUS_TOPIC,
  RecertificationStatusEvent,
  RequestOnRecord,
} from '@integrated-ops/plugin-integrated-ops-common';
import {
  ChangeRequest,
  RecertificationReport,
} from '@integrated-ops/plugin-ops-requests-common';
import { RECERTIFICATION } from '../recertification/OwnershipRecertifications';

/** Requests per page of a snapshot (the store's own list limit). */
const PAGE = 200;

export interface LookupEventsPublisherOptions {
  events: EventsService;
  logger: LoggerService;
  /** Requests newest first, filed at or before `requestedBefore`. */
  list: (filter: {
    requestedBefore?: string;
    limit: number;
  }) => Promise<ChangeRequest[]>;
  /** Where each declaration's re-certification stands; absent: never published. */
  recertifications?: () => Promise<RecertificationReport>;
  /** How long changed requests are gathered into one event (default 100 ms). */
  flushAfterMs?: number;
  /** How long after a re-certification changed its report is published (default 2 s). */
  recertificationAfterMs?: number;
  /** Most requests one snapshot publishes, newest first (default 5000). */
  snapshotMaxRequests?: number;
}

/** What the lookup records of a request (RequestOnRecord). */
export function requestOnRecord(
  request: ChangeRequest,
  readAt: string,
): RequestOnRecord {
  return {
    id: request.id,
    kind: request.kind,
    title: request.title,
    state: request.state,
    targets: request.targets.map(t => t.toLocaleLowerCase('en-US')),
    requestedBy: request.requestedBy,
    requestedAt: request.requestedAt,
    approvals: request.approvals.map(a => ({
      role: a.discipline,
      by: a.decidedBy,
      at: a.decidedAt,
    })),
    appliedAt: request.appliedAt,
    revokedAt: request.revokedAt,
    readAt,
  };
}

/**
 * Tells the integrated-ops lookup (the layer below, which never calls this
 * plugin) what it shows of change requests, on the events service:
 *
 * - each request filed or changed (decided, applied, expired, revoked),
 *   gathered for `flushAfterMs`, at most OPS_REQUESTS_CHANGED_MAX per event;
 * - the ownership re-certification report, in parts of at most
 *   RECERTIFICATION_STATUS_MAX_ITEMS, shortly after a re-certification
 *   request changed;
 * - a snapshot of both (`publishSnapshot`, at start and on a schedule), so
 *   that a lookup that was down or is new ends up with every fact.
 *
 * A failed send is logged, not retried: the next snapshot brings it.
 */
export class LookupEventsPublisher {
  readonly #pending = new Map<string, RequestOnRecord>();
  #timer?: NodeJS.Timeout;
  #recertTimer?: NodeJS.Timeout;
  #sending: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: LookupEventsPublisherOptions) {}

  /** A request was filed or changed state; `readAt`: when it was read after the change. */
  requestChanged(request: ChangeRequest, readAt: string): void {
    const known = this.#pending.get(request.id);
    if (!known || known.readAt <= readAt) {
      this.#pending.set(request.id, requestOnRecord(request, readAt));
    }
    if (request.kind === RECERTIFICATION) this.#recertificationChanged();
    if (this.#timer) return;
    this.#timer = setTimeout(
      () => void this.flush(),
      this.options.flushAfterMs ?? 100,
    );
    this.#timer.unref?.();
  }

  /** Sends the changed requests pending now; resolves when everything so far is out. */
  flush(): Promise<unknown> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const requests = [...this.#pending.values()];
    this.#pending.clear();
    if (requests.length) {
      this.#sending = this.#sending.then(() => this.#sendRequests(requests));
    }
    return this.#sending;
  }

  /** Sends the re-certification report now if one is due; resolves when everything so far is out. */
  flushRecertifications(): Promise<unknown> {
    // The requests first: the report follows what it was made from.
    this.flush();
    if (this.#recertTimer) {
      clearTimeout(this.#recertTimer);
      this.#recertTimer = undefined;
      this.#sending = this.#sending.then(() => this.publishRecertifications());
    }
    return this.#sending;
  }

  /** Stops the timers (shutdown); what is pending goes with the next snapshot. */
  stop(): void {
    clearTimeout(this.#timer);
    clearTimeout(this.#recertTimer);
    this.#timer = this.#recertTimer = undefined;
  }

  /**
   * Every request (newest first, at most `snapshotMaxRequests`) and the
   * re-certification report, for a lookup that missed events.
   */
  async publishSnapshot(): Promise<{
    requests: number;
    recertifications: number;
  }> {
    const max = this.options.snapshotMaxRequests ?? 5000;
    const seen = new Set<string>();
    let before: string | undefined;
    while (seen.size < max) {
      // Stamped before the read: a change committed after it is announced
      // with a later stamp, and wins over this older state.
      const readAt = new Date().toISOString();
      const page = await this.options.list({
        requestedBefore: before,
        limit: PAGE,
      });
      const fresh = page.filter(r => !seen.has(r.id)).slice(0, max - seen.size);
      if (!fresh.length) break;
      fresh.forEach(r => seen.add(r.id));
      await this.#sendRequests(fresh.map(r => requestOnRecord(r, readAt)));
      if (page.length < PAGE) break;
      before = page[page.length - 1].requestedAt;
    }
    const recertifications = await this.publishRecertifications();
    return { requests: seen.size, recertifications };
  }

  /** Publishes the whole re-certification report; returns its items. */
  async publishRecertifications(): Promise<number> {
    if (!this.options.recertifications) return 0;
    const generatedAt = new Date().toISOString();
    let report: RecertificationReport;
    try {
      report = await this.options.recertifications();
    } catch (error) {
      this.options.logger.warn(
        `Could not read the re-certification report for the lookup: ${error}`,
      );
      return 0;
    }
    const items = report.items.map(i => ({
      declaredOn: i.declaredOn,
      discipline: i.discipline,
      team: i.team,
      entities: i.entities,
      state: i.state,
      ...(i.handOverTo ? { handOverTo: i.handOverTo } : {}),
    }));
    let i = 0;
    do {
      const eventPayload: RecertificationStatusEvent = {
        generatedAt,
        ...(report.periodDays ? { periodDays: report.periodDays } : {}),
        total: items.length,
        items: items.slice(i, i + RECERTIFICATION_STATUS_MAX_ITEMS),
      };
      await this.#publish(RECERTIFICATION_STATUS_TOPIC, eventPayload);
      i += RECERTIFICATION_STATUS_MAX_ITEMS;
    } while (i < items.length);
    return items.length;
  }

  #recertificationChanged() {
    if (this.#recertTimer || !this.options.recertifications) return;
    this.#recertTimer = setTimeout(
      () => void this.flushRecertifications(),
      this.options.recertificationAfterMs ?? 2000,
    );
    this.#recertTimer.unref?.();
  }

  async #sendRequests(requests: RequestOnRecord[]): Promise<void> {
    for (let i = 0; i < requests.length; i += OPS_REQUESTS_CHANGED_MAX) {
      const eventPayload: OpsRequestsChangedEvent = {
        requests: requests.slice(i, i + OPS_REQUESTS_CHANGED_MAX),
      };
      await this.#publish(OPS_REQUESTS_CHANGED_TOPIC, eventPayload);
    }
  }

  async #publish(topic: string, eventPayload: object): Promise<void> {
    try {
      await this.options.events.publish({ topic, eventPayload });
    } catch (error) {
      this.options.logger.warn(
        `Could not tell the lookup on ${topic}: ${error}`,
      );
    }
  }
}
