import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { changeDeliveryServiceRef } from '@integrated-ops/plugin-ops-requests-node';
import { registerReachAction } from './actions/registerReachAction';
import { ConnectivityService } from './model/ConnectivityService';
import { createConnectivityRouter } from './router/createConnectivityRouter';

/**
 * Connectivity: who can reach what, and why, from the NetworkPolicies on the
 * infrastructure repository's main (read through the change-delivery
 * service), in catalog terms. The model is rebuilt every
 * `integratedOps.connectivity.refreshSeconds` (default 60) on each replica
 * and answered from memory.
 *
 * @public
 */
export const connectivityPlugin = createBackendPlugin({
  pluginId: 'connectivity',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        delivery: changeDeliveryServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init({
        httpRouter,
        httpAuth,
        logger,
        scheduler,
        config,
        auth,
        catalog,
        delivery,
        actionsRegistry,
      }) {
        const refreshSeconds =
          config.getOptionalNumber(
            'integratedOps.connectivity.refreshSeconds',
          ) ?? 60;
        const service = new ConnectivityService({
          publisher: delivery.publisher,
          catalog,
          auth,
          logger,
        });
        // Each replica answers from its own model: a local task.
        await scheduler.scheduleTask({
          id: 'connectivity-model',
          scope: 'local',
          frequency: { seconds: refreshSeconds },
          timeout: { minutes: 2 },
          fn: () => service.rebuild(),
        });
        // Right after a start the catalog may not have processed anything
        // yet: until the model has seen entities, it is rebuilt every 5 s
        // instead of answering "no workload" for a whole refresh period.
        await scheduler.scheduleTask({
          id: 'connectivity-model-warm-up',
          scope: 'local',
          frequency: { seconds: 5 },
          timeout: { minutes: 1 },
          fn: async () => {
            if (service.needsWarmUp()) await service.rebuild();
          },
        });
        httpRouter.use(await createConnectivityRouter({ httpAuth, service }));
        registerReachAction(actionsRegistry, service);
      },
    });
  },
});
