import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  techInsightsFactCheckerFactoryExtensionPoint,
  techInsightsPersistenceContextExtensionPoint,
} from '@backstage-community/plugin-tech-insights-node';
import { initializePersistenceContext } from '@backstage-community/plugin-tech-insights-backend';
import { JsonRulesEngineFactCheckerFactory } from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import { DeclaredFacts } from './declaredFacts';

/**
 * The scorecards' fact checker for Tech Insights: the JSON rules engine
 * over `techInsights.factChecker.checks` (the jsonfc module's factory),
 * constructed only when every check reads facts its retrievers declare.
 * Otherwise Tech Insights' startup fails, naming each check and fact (the
 * jsonfc module alone only logs a warning, and every scorecard then fails
 * at request time). Add it instead of the jsonfc module, not beside it.
 *
 * @public
 */
export const techInsightsModuleScorecards = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'scorecards-fact-checker',
  register(reg) {
    reg.registerInit({
      deps: {
        factChecker: techInsightsFactCheckerFactoryExtensionPoint,
        persistence: techInsightsPersistenceContextExtensionPoint,
        database: coreServices.database,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
      },
      async init({
        factChecker,
        persistence,
        database,
        config,
        logger,
        catalog,
        auth,
      }) {
        // Tech Insights' own store, noting the schemas its retrievers'
        // engine writes before the checker is constructed.
        const declared = new DeclaredFacts();
        const { techInsightsStore } = await initializePersistenceContext(
          database,
          { logger },
        );
        persistence.setPersistenceContext({
          techInsightsStore: declared.recording(techInsightsStore),
        });
        const jsonRules = JsonRulesEngineFactCheckerFactory.fromConfig(config, {
          logger,
          catalog,
          auth,
        });
        factChecker.setFactCheckerFactory({
          construct(store) {
            const problems = declared.problems(config);
            if (problems.length) {
              throw new Error(
                `Scorecards: ${
                  problems.length
                } check(s) read facts no fact retriever declares: ${problems.join(
                  '; ',
                )}`,
              );
            }
            return jsonRules.construct(store);
          },
        });
      },
    });
  },
});
