import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { OpsOwnershipCollatorFactory } from './OpsOwnershipCollatorFactory';

const SCHEDULE = 'search.collators.opsOwnership.schedule';

/**
 * Adds the `ops-ownership` documents to search, on
 * `search.collators.opsOwnership.schedule` (default every 2 minutes).
 *
 * @public
 */
export const searchModuleIntegratedOps = createBackendModule({
  pluginId: 'search',
  moduleId: 'integrated-ops-collator',
  register(reg) {
    reg.registerInit({
      deps: {
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({ auth, config, scheduler, catalog, indexRegistry }) {
        const schedule = config.has(SCHEDULE)
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig(SCHEDULE),
            )
          : {
              frequency: { minutes: 2 },
              timeout: { minutes: 10 },
              initialDelay: { seconds: 50 },
            };
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(schedule),
          factory: new OpsOwnershipCollatorFactory({ catalog, auth }),
        });
      },
    });
  },
});
