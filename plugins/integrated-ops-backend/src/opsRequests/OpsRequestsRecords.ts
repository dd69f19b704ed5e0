import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  OPS_REQUESTS_CHANGED_TOPIC,
  readOpsRequestsChanged,
  readRecertificationStatus,
  RECERTIFICATION_STATUS_TOPIC,
} from '@integrated-ops/plugin-integrated-ops-common';
import { Knex } from 'knex';
import { ChangesOnRecordStore } from './ChangesOnRecordStore';
import { RecertificationStatusStore } from './RecertificationStatusStore';

/** The subscription's id: one for all replicas, as they share the database. */
export const OPS_REQUESTS_SUBSCRIBER_ID = 'integrated-ops.ops-requests-records';

/**
 * What the ops-requests plugin (the layer above) tells the lookup on the
 * events service, recorded in the lookup's own database: its change
 * requests (the history's changes on record) and its ownership
 * re-certification report (the coverage drift). The lookup answers from
 * these records and never calls ops-requests; ops-requests re-publishes
 * everything on a schedule, so the records converge after an outage.
 */
export class OpsRequestsRecords {
  readonly changes: ChangesOnRecordStore;
  readonly recertifications: RecertificationStatusStore;

  constructor(db: Knex, private readonly logger: LoggerService) {
    this.changes = new ChangesOnRecordStore(db);
    this.recertifications = new RecertificationStatusStore(db);
  }

  /** Records one event of either topic; anything else (or malformed) is ignored. */
  async onEvent(topic: string, payload: unknown): Promise<void> {
    try {
      if (topic === OPS_REQUESTS_CHANGED_TOPIC) {
        const event = readOpsRequestsChanged(payload);
        if (event?.requests.length) await this.changes.record(event);
      } else if (topic === RECERTIFICATION_STATUS_TOPIC) {
        const part = readRecertificationStatus(payload);
        if (part) await this.recertifications.record(part);
      }
    } catch (error) {
      // Not retried: ops-requests' next snapshot brings it again.
      this.logger.warn(`Could not record an event of ${topic}: ${error}`);
    }
  }

  /** Subscribes to both topics, once for all replicas. */
  async subscribe(events: EventsService): Promise<void> {
    await events.subscribe({
      id: OPS_REQUESTS_SUBSCRIBER_ID,
      topics: [OPS_REQUESTS_CHANGED_TOPIC, RECERTIFICATION_STATUS_TOPIC],
      onEvent: ({ topic, eventPayload }) => this.onEvent(topic, eventPayload),
    });
  }
}
