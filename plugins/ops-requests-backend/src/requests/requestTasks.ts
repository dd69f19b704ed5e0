import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { OpsRequestsOptions } from '../options';
import { RequestService } from './RequestService';

/**
 * The scheduled stages of a request's life: planned applies, expiry and
 * re-certification, and ownership re-certification. Each runs on one
 * replica at a time (global scope); each transition is conditional anyway.
 */
export async function scheduleRequestTasks(deps: {
  scheduler: SchedulerService;
  logger: LoggerService;
  service: RequestService;
  options: OpsRequestsOptions;
}): Promise<void> {
  const { scheduler, logger, service, options } = deps;
  // Planned applies, and applies a replica died in the middle of;
  // each is claimed by one replica for the apply lease.
  await scheduler.scheduleTask({
    id: 'ops-requests-planned-apply',
    scope: 'global',
    frequency: { seconds: options.applyCheckSeconds },
    // A run killed with its replica holds the task until this timeout:
    // no longer than an apply lease.
    timeout: { seconds: options.applyLeaseSeconds },
    initialDelay: { seconds: 20 },
    fn: async () => {
      const applied = await service.applyDue();
      if (applied.length) {
        logger.info(`Applied as planned: ${applied.join(', ')}`);
      }
    },
  });
  // Global scope: one replica at a time; each transition is conditional anyway.
  await scheduler.scheduleTask({
    id: 'ops-requests-expiry',
    scope: 'global',
    frequency: { minutes: options.expiryCheckMinutes },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 30 },
    fn: async () => {
      const expired = [
        ...(await service.expireDue()),
        ...(await service.revokeUnreviewed()),
      ];
      const recertify = await service.requestRecertification(
        options.recertifyAfterDays,
      );
      const orphans = await service.sweepOrphanBranches();
      if (expired.length || recertify.length || orphans.length) {
        logger.info(
          `Expired or revoked: ${expired.join(', ') || 'none'}; ` +
            `re-certification asked: ${recertify.join(', ') || 'none'}; ` +
            `orphan branches deleted: ${orphans.join(', ') || 'none'}`,
        );
      }
    },
  });

  // Ownership re-certification: reads the whole catalog, so not often.
  await scheduler.scheduleTask({
    id: 'ops-requests-ownership-recertification',
    scope: 'global',
    frequency: { minutes: options.ownershipRecertificationCheckMinutes },
    timeout: { minutes: 15 },
    initialDelay: { seconds: 40 },
    fn: async () => {
      const filed = (await service.recertifications?.fileDue()) ?? [];
      if (filed.length) {
        logger.info(
          `Ownership re-certification asked: ${filed.length} requests`,
        );
      }
    },
  });
}
