import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  EventsService,
  eventsServiceFactory,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import { OPS_FACTS_CHANGED_TOPIC } from '@integrated-ops/plugin-integrated-ops-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import catalogModuleIntegratedOps from '@integrated-ops/plugin-catalog-backend-module-integrated-ops';
import { AddressInfo } from 'net';
import { testEntityProvider } from '../testEntityProvider';
import { integratedOpsPlugin } from '../../plugin';
import { fetchOnce } from './fetchOnce';
import { benchAuth } from './benchAuth';
import { benchDatabase } from './benchDatabase';

export interface BenchBackend {
  baseUrl: string;
  /** What a request needs to be let in: a user's token under BENCH_AUTH=production, else nothing (the mocks let it in). */
  headers: Record<string, string>;
  /** Waits until the plugin's index holds `entities`, built or refreshed at or after `since` (epoch ms). */
  waitForIndex(entities: number, since?: number): Promise<void>;
  /** Makes the plugin refresh its index now and waits until it holds `entities`. */
  refreshIndex(entities: number): Promise<void>;
  stop(): Promise<void>;
}

/** Gives the benchmark an events service, to publish what the catalog module would. */
function eventsHook(hooks: { events?: EventsService }) {
  return createBackendModule({
    pluginId: 'integrated-ops',
    moduleId: 'bench-events',
    register(reg) {
      reg.registerInit({
        deps: { events: eventsServiceRef },
        async init({ events }) {
          hooks.events = events;
        },
      });
    },
  });
}

/** Gives the benchmark the integrated-ops plugin's scheduler, to trigger its refresh task. */
function schedulerHook(hooks: { scheduler?: SchedulerService }) {
  return createBackendModule({
    pluginId: 'integrated-ops',
    moduleId: 'bench-hooks',
    register(reg) {
      reg.registerInit({
        deps: { scheduler: coreServices.scheduler },
        async init({ scheduler }) {
          hooks.scheduler = scheduler;
        },
      });
    },
  });
}

type Features = NonNullable<Parameters<typeof startTestBackend>[0]['features']>;

async function start(features: Features): Promise<BenchBackend> {
  const hooks: { scheduler?: SchedulerService } = {};
  const database = benchDatabase();
  const auth = benchAuth();
  const backend = await startTestBackend({
    features: [
      ...features,
      ...database.features,
      ...auth.features,
      integratedOpsPlugin,
      schedulerHook(hooks),
      schedulerServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          ...database.config,
          ...auth.config,
          catalog: { processingInterval: { minutes: 60 } },
          integratedOps: {
            ownership: { lookupCacheSeconds: 5 },
            lookup: { refreshSeconds: 3600 },
          },
        },
      }),
    ],
  });
  const baseUrl = `http://localhost:${
    (backend.server.address() as AddressInfo).port
  }`;
  const headers = await auth.headers(baseUrl);
  async function waitForIndex(entities: number, since = 0) {
    const deadline = Date.now() + 30 * 60_000;
    for (;;) {
      const status = await (
        await fetchOnce(`${baseUrl}/api/integrated-ops/index-status`, {
          headers,
        })
      ).json();
      if (status.entities >= entities && Date.parse(status.builtAt) >= since)
        return;
      if (
        Date.now() > deadline ||
        (status.lastError && Date.now() > since + 60_000)
      ) {
        throw new Error(`index not refreshed: ${JSON.stringify(status)}`);
      }
      await new Promise(r => setTimeout(r, 100));
    }
  }
  return {
    baseUrl,
    headers,
    waitForIndex,
    async refreshIndex(entities: number) {
      // Wait out a refresh still running, then ask for a new one.
      const asked = Date.now();
      for (;;) {
        try {
          await hooks.scheduler!.triggerTask('integrated-ops-index-refresh');
          break;
        } catch (error) {
          if ((error as Error).name !== 'ConflictError') throw error;
          await new Promise(r => setTimeout(r, 100));
        }
      }
      await waitForIndex(entities, asked);
    },
    async stop() {
      await backend.stop();
      await database.drop();
    },
  };
}

/**
 * The plugin in a real backend whose catalog is an in-memory catalog
 * service the benchmark can edit (`serve`), with the real events service
 * (`announce` publishes what the catalog module would). The mock's
 * getEntitiesByRefs builds a map of every entity on each call (a minute of
 * the first sync at 200k entities, spent in the mock); a real catalog answers
 * it from an index, and so does this one.
 */
export async function withInMemoryCatalog(entities: Entity[]) {
  const catalog = catalogServiceMock({ entities });
  const byRef = new Map(
    entities.map(e => [stringifyEntityRef(e).toLocaleLowerCase('en-US'), e]),
  );
  catalog.getEntitiesByRefs = async ({ entityRefs }) => ({
    items: entityRefs.map(ref => byRef.get(ref.toLocaleLowerCase('en-US'))),
  });
  catalog.streamEntities = async function* streamEntities() {
    const all = [...byRef.values()];
    for (let i = 0; i < all.length; i += 5000) yield all.slice(i, i + 5000);
  };
  const hooks: { events?: EventsService } = {};
  const backend = await start([
    createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () => catalog,
    }),
    eventsServiceFactory,
    eventsHook(hooks),
  ]);
  return {
    ...backend,
    entity: (ref: string) => byRef.get(ref),
    /** From now on the catalog serves this version of the entity. */
    serve(entity: Entity) {
      byRef.set(stringifyEntityRef(entity).toLocaleLowerCase('en-US'), entity);
    },
    /** Publishes what the catalog module publishes after processing these. */
    announce: (entityRefs: string[]) =>
      hooks.events!.publish({
        topic: OPS_FACTS_CHANGED_TOPIC,
        eventPayload: { entityRefs, processedAt: new Date().toISOString() },
      }),
  };
}

/** The plugin beside a real catalog backend (SQLite in memory) that ingests the raw estate. */
export async function withRealCatalog(rawEntities: Entity[]) {
  const estate = testEntityProvider('bench-estate');
  const backend = await start([
    catalogPlugin,
    catalogModuleIntegratedOps,
    estate.module,
  ]);
  await estate.replace(rawEntities);
  return backend;
}
