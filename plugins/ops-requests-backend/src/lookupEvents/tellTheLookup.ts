import {
  LifecycleService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import { OwnershipRecertifications } from '../recertification/OwnershipRecertifications';
import { DatabaseRequestStore } from '../requests/DatabaseRequestStore';
import { OpsRequestsOptions } from '../options';
import { LookupEventsPublisher } from './LookupEventsPublisher';

/**
 * The integrated-ops lookup (the layer below) never calls this plugin: it
 * hears of each filed or changed request, and of the re-certification
 * report, by events; snapshots at start and on a schedule bring a lookup
 * that missed some up to date.
 */
export async function tellTheLookup(deps: {
  events: EventsService;
  logger: LoggerService;
  lifecycle: LifecycleService;
  scheduler: SchedulerService;
  store: DatabaseRequestStore;
  recertifications?: OwnershipRecertifications;
  options: OpsRequestsOptions;
}): Promise<void> {
  const { logger, store, recertifications, options } = deps;
  const lookupEvents = new LookupEventsPublisher({
    events: deps.events,
    logger,
    list: filter => store.list(filter),
    recertifications: recertifications
      ? () => recertifications.report()
      : undefined,
    snapshotMaxRequests: options.lookupSnapshotMaxRequests,
  });
  store.onChanged((request, readAt) =>
    lookupEvents.requestChanged(request, readAt),
  );
  deps.lifecycle.addShutdownHook(() => lookupEvents.stop());
  const publishSnapshot = async () => {
    const sent = await lookupEvents.publishSnapshot();
    logger.info(
      `Told the lookup: ${sent.requests} change requests, ` +
        `${sent.recertifications} re-certification declarations`,
    );
  };
  // Once every plugin started (the lookup subscribed), not awaited.
  deps.lifecycle.addStartupHook(() => {
    publishSnapshot().catch(error =>
      logger.warn(`Could not tell the lookup at start: ${error}`),
    );
  });
  await deps.scheduler.scheduleTask({
    id: 'ops-requests-lookup-snapshot',
    scope: 'global',
    frequency: { minutes: options.lookupSnapshotMinutes },
    timeout: { minutes: 15 },
    initialDelay: { minutes: 5 },
    fn: publishSnapshot,
  });
}
