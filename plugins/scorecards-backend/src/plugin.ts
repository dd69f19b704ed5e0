import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { techInsightsServiceRef } from '@backstage-community/plugin-tech-insights-node';
import { createScorecardsRouter } from './router/createScorecardsRouter';
import { ScorecardService } from './service/ScorecardService';
import { readChecksConfig } from './service/checksConfig';

/**
 * Scorecards: readiness per discipline from the Tech Insights checks, with
 * levels and the action that fixes each failing check. Every configured
 * check must name its discipline and level in its metadata and use known
 * operators (startup stops naming it otherwise); one that reads a fact no
 * retriever declares is logged as an error once the backend listens.
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
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        techInsights: techInsightsServiceRef,
      },
      async init({
        httpRouter,
        httpAuth,
        logger,
        lifecycle,
        config,
        catalog,
        techInsights,
      }) {
        // A check without a discipline or level, or with an unknown
        // operator, stops startup naming it.
        const factsOf = readChecksConfig(config);
        const service = new ScorecardService({ catalog, techInsights, logger });
        // The facts the retrievers declare are known once tech-insights
        // listens: a check reading an undeclared fact is logged, naming it.
        lifecycle.addStartupHook(async () => {
          try {
            for (const problem of await service.unknownFacts(factsOf)) {
              logger.error(`Scorecards: ${problem}`);
            }
          } catch (error) {
            logger.error(`Scorecards: ${(error as Error).message}`);
          }
        });
        httpRouter.use(await createScorecardsRouter({ httpAuth, service }));
      },
    });
  },
});
