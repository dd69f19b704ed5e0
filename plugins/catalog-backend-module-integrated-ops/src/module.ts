import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { OpsFactsChangePublisher } from './events/OpsFactsChangePublisher';
import { CachedEntityLookup } from './processor/CachedEntityLookup';
import { OpsOwnershipProcessor } from './processor/OpsOwnershipProcessor';

/**
 * Adds typed NetOps / DevOps / SecOps ownership to the catalog.
 *
 * Config (optional): `integratedOps.ownership.lookupCacheSeconds` - how long
 * the processor reuses a looked-up System, Domain or Group (default 10).
 *
 * Entities whose ownership facts change are announced on the events service
 * (topic `integrated-ops.ops-facts-changed`), so the lookup re-reads them
 * within seconds instead of at its next catalog listing.
 *
 * @public
 */
export const catalogModuleIntegratedOps = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'integrated-ops',
  register(reg) {
    reg.registerInit({
      deps: {
        processing: catalogProcessingExtensionPoint,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        events: eventsServiceRef,
      },
      async init({
        processing,
        catalog,
        auth,
        config,
        logger,
        lifecycle,
        events,
      }) {
        const ttlSeconds =
          config.getOptionalNumber(
            'integratedOps.ownership.lookupCacheSeconds',
          ) ?? 10;
        const lookup = new CachedEntityLookup(catalog, auth, {
          ttlMs: ttlSeconds * 1000,
          maxEntries: 10_000,
        });
        const changes = new OpsFactsChangePublisher({ events, logger });
        lifecycle.addShutdownHook(() => changes.flush());
        processing.addProcessor(
          new OpsOwnershipProcessor({ lookup, logger, changes }),
        );
      },
    });
  },
});
