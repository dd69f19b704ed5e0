/*
 * A task of one plugin, scheduled on the real scheduler, run again when
 * another plugin publishes on the events service.
 */
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { startTestBackend } from '@backstage/backend-test-utils';
import {
  EventsService,
  eventsServiceFactory,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import { triggerTaskOnEvents } from './triggerTaskOnEvents';

jest.setTimeout(60_000);

async function until(condition: () => boolean, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise(r => setTimeout(r, 100));
  }
}

describe('triggerTaskOnEvents', () => {
  it('runs the task once for a burst of events, and again for an event that came while it ran', async () => {
    let runs = 0;
    let release: (() => void) | undefined;
    let publisher: EventsService | undefined;
    const backend = await startTestBackend({
      features: [
        schedulerServiceFactory,
        // The real events service: what one plugin publishes reaches another.
        eventsServiceFactory,
        createBackendPlugin({
          pluginId: 'facts',
          register(reg) {
            reg.registerInit({
              deps: {
                scheduler: coreServices.scheduler,
                events: eventsServiceRef,
                logger: coreServices.logger,
              },
              async init({ scheduler, events, logger }) {
                // Runs at start, then not again within the test by schedule.
                await scheduler.scheduleTask({
                  id: 'facts-task',
                  frequency: { hours: 1 },
                  timeout: { minutes: 1 },
                  fn: async () => {
                    runs++;
                    if (runs === 3) {
                      await new Promise<void>(r => {
                        release = r;
                      });
                    }
                  },
                });
                await triggerTaskOnEvents({
                  events,
                  scheduler,
                  logger,
                  subscriberId: 'facts-on-source-change',
                  topics: ['source-changed'],
                  taskId: 'facts-task',
                  settleMs: 200,
                  retryMs: 500,
                });
              },
            });
          },
        }),
        createBackendPlugin({
          pluginId: 'source',
          register(reg) {
            reg.registerInit({
              deps: { events: eventsServiceRef },
              async init({ events }) {
                publisher = events;
              },
            });
          },
        }),
      ],
    });
    try {
      const publish = (topic = 'source-changed') =>
        publisher!.publish({ topic, eventPayload: {} });
      await until(() => runs === 1);
      await Promise.all([publish(), publish(), publish(), publish()]);
      await until(() => runs === 2);
      // Another topic does not run it.
      await publish('something-else');
      await new Promise(r => setTimeout(r, 1_500));
      expect(runs).toBe(2);

      // The third run hangs until released; an event during it runs it again after.
      await publish();
      await until(() => release !== undefined);
      await publish();
      await new Promise(r => setTimeout(r, 1_000));
      expect(runs).toBe(3);
      release!();
      await until(() => runs === 4);
    } finally {
      await backend.stop();
    }
  });
});
