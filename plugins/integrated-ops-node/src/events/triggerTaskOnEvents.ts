import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { EventsService } from '@backstage/plugin-events-node';

/**
 * What {@link triggerTaskOnEvents} needs.
 *
 * @public
 */
export interface TriggerTaskOnEventsOptions {
  /** The events service the source publishes on. */
  events: EventsService;
  /** The scheduler of the plugin that scheduled the task. */
  scheduler: SchedulerService;
  /** Where a run left to its schedule is said. */
  logger: LoggerService;
  /** One id for every replica: each event reaches one of them. */
  subscriberId: string;
  /** The topics on which the source announces a change. */
  topics: string[];
  /** The scheduled task to run now (a global task of that plugin). */
  taskId: string;
  /** Quiet time after an event before the task runs, so a burst runs it once. Default 5,000 ms. */
  settleMs?: number;
  /** When the task is running already, try again after this. Default 30,000 ms. */
  retryMs?: number;
}

/**
 * Runs a scheduled task soon after any event on the topics, besides its own
 * schedule: a source that changed is read again now, not at the next tick.
 * A burst of events runs it once; an event that arrives while it runs
 * (whose change that run may have missed) runs it again after it. A task
 * not scheduled (yet) is left to its schedule.
 *
 * @public
 */
export async function triggerTaskOnEvents(
  options: TriggerTaskOnEventsOptions,
): Promise<{ stop(): void }> {
  const { scheduler, logger, taskId } = options;
  const settleMs = options.settleMs ?? 5_000;
  const retryMs = options.retryMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const later = (ms: number) => {
    if (timer || stopped) return;
    timer = setTimeout(run, ms);
    timer.unref?.();
  };
  async function run() {
    timer = undefined;
    try {
      await scheduler.triggerTask(taskId);
      logger.debug(`Ran ${taskId} on a change to its source`);
    } catch (error) {
      if (isError(error) && error.name === 'ConflictError') {
        later(retryMs);
      } else {
        logger.info(
          `${taskId} not run on a change to its source, left to its schedule: ${error}`,
        );
      }
    }
  }
  await options.events.subscribe({
    id: options.subscriberId,
    topics: options.topics,
    onEvent: async () => later(settleMs),
  });
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
