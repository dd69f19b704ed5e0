import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readSecurityFindingsOptions } from './options';
import { createFindingsRouter } from './router/createFindingsRouter';
import { FindingService } from './service/FindingService';
import { FindingStore } from './service/FindingStore';

/**
 * Security findings: scanner reports posted by the service principals
 * listed in `integratedOps.securityFindings.reporters`, applied whole per
 * component and tool, each finding routed to its discipline's owner with
 * its SLA due date; a component's open findings for those who may read it.
 *
 * @public
 */
export const securityFindingsPlugin = createBackendPlugin({
  pluginId: 'security-findings',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        database: coreServices.database,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const options = readSecurityFindingsOptions(deps.config);
        const store = await FindingStore.create(deps.database);
        const service = new FindingService({
          store,
          catalog: deps.catalog,
          auth: deps.auth,
          options,
        });
        deps.httpRouter.use(
          await createFindingsRouter({
            httpAuth: deps.httpAuth,
            service,
            reporters: options.reporters,
            maxReportMegabytes: options.maxReportMegabytes,
          }),
        );
      },
    });
  },
});
