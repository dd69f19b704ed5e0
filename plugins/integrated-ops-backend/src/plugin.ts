import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { integratedOpsPermissions } from '@internal/plugin-integrated-ops-common';
import { registerLookupActions } from './actions/registerLookupActions';
import { createRouter } from './router/createRouter';
import { CatalogEntityMirror } from './service/CatalogEntityMirror';
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
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
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
        config,
        catalog,
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

        // Each replica keeps its own index, so the refresh runs locally on each.
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
