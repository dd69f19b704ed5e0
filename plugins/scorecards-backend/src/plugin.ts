import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { techInsightsServiceRef } from '@backstage-community/plugin-tech-insights-node';
import { createScorecardsRouter } from './router/createScorecardsRouter';
import { ScorecardService } from './service/ScorecardService';

/**
 * Scorecards: readiness per discipline from the Tech Insights checks, with
 * levels and the action that fixes each failing check. Once the backend
 * listens, every configured check must name its discipline and level in
 * its metadata; one that does not is logged as an error naming it.
 *
 * @public
 */
export const scorecardsPlugin = createBackendPlugin({
  pluginId: 'scorecards',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        techInsights: techInsightsServiceRef,
      },
      async init({
        httpRouter,
        httpAuth,
        logger,
        lifecycle,
        catalog,
        techInsights,
      }) {
        const service = new ScorecardService({ catalog, techInsights, logger });
        // The checks live in the tech-insights plugin: asked once it listens.
        lifecycle.addStartupHook(async () => {
          try {
            logger.info(`Scorecards: ${await service.validateChecks()} checks`);
          } catch (error) {
            logger.error(`Scorecards: ${(error as Error).message}`);
          }
        });
        httpRouter.use(await createScorecardsRouter({ httpAuth, service }));
      },
    });
  },
});
