import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  Incident,
  ResponseKpis,
} from '@integrated-ops/plugin-integrated-ops-common';
import { databaseUnreachableCause } from '@integrated-ops/plugin-integrated-ops-node';
import { CanRead } from '../index/canRead';
import { OwnershipIndex } from '../index/OwnershipIndex';
import { ProviderOnCallCache } from '../onCall/ProviderOnCallCache';
import { mayRespondFor } from '../onCall/mayRespondFor';
import { IncidentStore, RoutedAlert, StoredIncident } from './IncidentStore';
import { responseKpis } from './responseKpis';

/** The most incidents one response answer reads (its cost, fixed before it starts). */
export const MAX_RESPONSE_ROWS = 200_000;
const DAY = 86_400_000;

/**
 * Incidents of the alerts the portal routes: recorded as they arrive,
 * acknowledged by the people who answer for the owning team, and the
 * response figures per team. Entities a caller may not read are absent.
 */
export class IncidentService {
  constructor(
    private readonly options: {
      store: IncidentStore;
      logger: LoggerService;
      providers?: ProviderOnCallCache;
    },
  ) {}

  /**
   * Records a webhook's routed alerts in one transaction; each one's
   * incident id. Delivery never fails on the record: an error (a database
   * that cannot be reached, or anything else) is logged and the alerts are
   * delivered without incidents.
   */
  async recordMany(
    alerts: RoutedAlert[],
    at: Date,
  ): Promise<(string | undefined)[]> {
    try {
      return await this.options.store.recordMany(alerts, at.toISOString());
    } catch (error) {
      // The alerts are delivered whatever happens to their record.
      const cause = databaseUnreachableCause(error);
      if (cause) {
        this.options.logger.warn(
          `${alerts.length} alerts: no incident recorded, the database is unreachable (${cause})`,
        );
      } else {
        this.options.logger.error(
          `${alerts.length} alerts: no incident recorded`,
          error as Error,
        );
      }
      return [];
    }
  }

  async get(
    index: OwnershipIndex,
    id: string,
    userRef: string | undefined,
    canRead: CanRead,
    at: Date,
  ): Promise<Incident> {
    return this.#view(index, await this.#find(id, canRead), userRef, at);
  }

  async acknowledge(
    index: OwnershipIndex,
    id: string,
    userRef: string,
    canRead: CanRead,
    at: Date,
  ): Promise<Incident> {
    const incident = await this.#find(id, canRead);
    if (incident.acknowledgedAt)
      return this.#view(index, incident, userRef, at);
    if (incident.resolvedAt) {
      throw new ConflictError(
        `Incident ${id} resolved at ${incident.resolvedAt} before anyone acknowledged it`,
      );
    }
    if (!this.#mayAcknowledge(index, incident, userRef, at)) {
      throw new NotAllowedError(
        `Only members of ${
          incident.team ?? 'the owning team'
        } and whoever is on call for it acknowledge this incident`,
      );
    }
    const done = await this.options.store.acknowledge(
      id,
      userRef,
      at.toISOString(),
    );
    return this.#view(index, done!, userRef, at);
  }

  /** The response figures of the last `days` days, of what the caller may read. */
  async response(
    canRead: CanRead,
    filter: { days: number; team?: string },
    at: Date,
  ): Promise<ResponseKpis> {
    const to = at.toISOString();
    const from = new Date(at.getTime() - filter.days * DAY).toISOString();
    const rows = await this.options.store.responseRows(
      from,
      to,
      MAX_RESPONSE_ROWS + 1,
    );
    const truncated = rows.length > MAX_RESPONSE_ROWS;
    const readable = rows
      .slice(0, MAX_RESPONSE_ROWS)
      .filter(r => !r.entityRef || canRead(r.entityRef));
    return responseKpis(readable, {
      from,
      to,
      truncated,
      team: filter.team?.toLocaleLowerCase('en-US'),
    });
  }

  async #find(id: string, canRead: CanRead): Promise<StoredIncident> {
    const incident = await this.options.store.get(id);
    // An incident of an entity the caller may not read: not found.
    if (!incident || (incident.entityRef && !canRead(incident.entityRef))) {
      throw new NotFoundError(`No incident ${id}`);
    }
    return incident;
  }

  #mayAcknowledge(
    index: OwnershipIndex,
    incident: StoredIncident,
    userRef: string | undefined,
    at: Date,
  ) {
    return (
      !!userRef &&
      !!incident.team &&
      mayRespondFor(index, incident.team, userRef, at, this.options.providers)
    );
  }

  #view(
    index: OwnershipIndex,
    incident: StoredIncident,
    userRef: string | undefined,
    at: Date,
  ): Incident {
    return {
      ...incident,
      canAcknowledge:
        !incident.acknowledgedAt &&
        !incident.resolvedAt &&
        this.#mayAcknowledge(index, incident, userRef, at),
    };
  }
}
