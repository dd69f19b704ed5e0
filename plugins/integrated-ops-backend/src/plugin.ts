import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  integratedOpsPermissions,
  opsRequestDecidePermission,
} from '@internal/plugin-integrated-ops-common';
import {
  ChangePlanner,
  createChangePublisher,
  LocalGitRepositories,
  opsRequestResourceRef,
  opsRequestRules,
} from '@internal/plugin-integrated-ops-node';
import { resolve } from 'path';
import { registerLookupActions } from './actions/registerLookupActions';
import { DatabaseRequestStore } from './requests/DatabaseRequestStore';
import { RequestService } from './requests/RequestService';
import { createRequestsRouter } from './router/createRequestsRouter';
import { createRouter } from './router/createRouter';
import { CatalogEntityMirror } from './service/CatalogEntityMirror';
import { OwnershipIndexService } from './service/OwnershipIndexService';

/**
 * The integrated-ops backend: incident lookup, blast radius and coverage from
 * an in-memory ownership index kept fresh from the catalog.
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
        database: coreServices.database,
        notifications: notificationService,
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
        database,
        notifications,
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

        // Change requests: store, approvals, apply and expiry.
        const store = await DatabaseRequestStore.create(database);
        const repositories = new LocalGitRepositories(
          resolve(
            config.getOptionalString('integratedOps.gitops.localRoot') ??
              '.data/git',
          ),
        );
        const requests = new RequestService({
          store,
          index: () => indexService.current(),
          logger,
          notifications,
          planner: new ChangePlanner({
            catalog,
            policyFile: resolve(
              config.getOptionalString('integratedOps.policy.file') ??
                '../../policies/change-policy.yaml',
            ),
          }),
          publisher: createChangePublisher(config, repositories),
        });
        const requestsConfig = config.getOptionalConfig(
          'integratedOps.requests',
        );
        const recertifyAfterDays =
          requestsConfig?.getOptionalNumber('recertifyAfterDays') ?? 60;
        // Global scope: one replica at a time; each transition is conditional anyway.
        await scheduler.scheduleTask({
          id: 'integrated-ops-request-expiry',
          scope: 'global',
          frequency: {
            minutes:
              requestsConfig?.getOptionalNumber('expiryCheckMinutes') ?? 5,
          },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 30 },
          fn: async () => {
            const expired = await requests.expireDue();
            const recertify = await requests.requestRecertification(
              recertifyAfterDays,
            );
            const orphans = await requests.sweepOrphanBranches();
            if (orphans.length) {
              logger.warn(
                `Deleted change branches no request names: ${orphans.join(
                  ', ',
                )}`,
              );
            }
            if (expired.length || recertify.length) {
              logger.info(
                `Requests expired or revoked: ${
                  expired.join(', ') || 'none'
                }; re-certification asked: ${recertify.join(', ') || 'none'}`,
              );
            }
          },
        });

        permissionsRegistry.addPermissions(
          integratedOpsPermissions.filter(
            p => p !== opsRequestDecidePermission,
          ),
        );
        permissionsRegistry.addResourceType({
          resourceRef: opsRequestResourceRef,
          permissions: [opsRequestDecidePermission],
          rules: opsRequestRules,
          getResources: async ids => {
            const found = await store.getMany(ids);
            return ids.map(id => {
              const request = found.find(r => r.id === id);
              return request && requests.toResource(request);
            });
          },
        });
        registerLookupActions(actionsRegistry, indexService, permissions);
        httpRouter.use(
          createRequestsRouter({
            httpAuth,
            permissions,
            permissionsRegistry,
            service: requests,
            store,
          }),
        );
        httpRouter.use(
          await createRouter({ httpAuth, permissions, indexService }),
        );
      },
    });
  },
});
