import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { hostname } from 'node:os';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  integratedOpsPermissions,
  OPS_FACTS_CHANGED_TOPIC,
  readOpsFactsChanged,
} from '@internal/plugin-integrated-ops-common';
import { registerLookupActions } from './actions/registerLookupActions';
import { createRouter } from './router/createRouter';
import { CatalogEntityMirror } from './service/CatalogEntityMirror';
import { EntityChangeFollower } from './service/EntityChangeFollower';
import { OwnershipIndexService } from './service/OwnershipIndexService';

/**
 * The integrated-ops backend: incident lookup, blast radius and coverage from
 * an in-memory ownership index kept fresh from the catalog, over HTTP and as
 * MCP actions. It keeps no database. (Change requests are the ops-requests
 * plugin's.)
 */
export const integratedOpsPlugin = createBackendPlugin({
  pluginId: 'integrated-ops',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init({
        httpRouter,
        httpAuth,
        auth,
        permissions,
        permissionsRegistry,
        logger,
        scheduler,
        lifecycle,
        config,
        catalog,
        events,
        actionsRegistry,
      }) {
        const refreshSeconds =
          config.getOptionalNumber('integratedOps.lookup.refreshSeconds') ?? 30;
        const mirror = new CatalogEntityMirror(catalog, auth);
        const indexService = new OwnershipIndexService({
          sync: () => mirror.sync(),
          logger,
          staleAfterMs: refreshSeconds * 3 * 1000,
        });

        // Entities the catalog module announces as changed are read again as
        // soon as the catalog serves them. Each replica keeps its own index,
        // so each needs every event: the subscription is per replica (the
        // events bus hands an event to one subscriber of a given id).
        const follower = new EntityChangeFollower({
          patch: refs => indexService.patch(() => mirror.refetch(refs)),
          relist: () => indexService.refresh(),
          logger,
        });
        lifecycle.addShutdownHook(() => follower.stop());
        const replica =
          config.getOptionalString('integratedOps.lookup.replicaId') ??
          hostname();
        await events.subscribe({
          id: `index-freshness.${replica}`,
          topics: [OPS_FACTS_CHANGED_TOPIC],
          onEvent: async ({ eventPayload }) =>
            follower.follow(readOpsFactsChanged(eventPayload)),
        });

        // The periodic listing is the safety net (deletions, missed events);
        // it runs locally on each replica.
        await scheduler.scheduleTask({
          id: 'integrated-ops-index-refresh',
          scope: 'local',
          frequency: { seconds: refreshSeconds },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 0 },
          fn: () => indexService.refresh(),
        });

        permissionsRegistry.addPermissions(integratedOpsPermissions);
        const answerOptions = {
          noOwnerEscalation: config.getOptionalString(
            'integratedOps.lookup.noOwnerEscalation',
          ),
        };
        registerLookupActions(
          actionsRegistry,
          indexService,
          permissions,
          answerOptions,
        );
        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            indexService,
            answerOptions,
          }),
        );
      },
    });
  },
});
