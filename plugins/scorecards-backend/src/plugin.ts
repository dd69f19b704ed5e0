import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { techInsightsServiceRef } from '@backstage-community/plugin-tech-insights-node';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { registerFailingChecksAction } from './actions/registerFailingChecksAction';
import { createScorecardsRouter } from './router/createScorecardsRouter';
import { ScorecardService } from './service/ScorecardService';
import { readChecksConfig } from './service/checksConfig';
import { CampaignService } from './campaigns/CampaignService';
import { CampaignStore, MIGRATIONS_DIR } from './campaigns/CampaignStore';
import {
  readCampaignMinutes,
  readCampaignsConfig,
} from './campaigns/campaignsConfig';

/**
 * Scorecards: readiness per discipline from the Tech Insights checks, with
 * levels and the action that fixes each failing check. Every configured
 * check must name its discipline and level in its metadata and use known
 * operators (startup stops naming it otherwise); one that reads a fact no
 * retriever declares stops Tech Insights' startup when the
 * `@integrated-ops/plugin-tech-insights-backend-module-scorecards` fact
 * checker runs the checks.
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
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        techInsights: techInsightsServiceRef,
        auth: coreServices.auth,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init({
        httpRouter,
        httpAuth,
        logger,
        config,
        catalog,
        techInsights,
        auth,
        database,
        scheduler,
        actionsRegistry,
      }) {
        // A check without a discipline or level, or with an unknown
        // operator, stops startup naming it.
        readChecksConfig(config);
        const service = new ScorecardService({ catalog, techInsights, logger });
        // For AI agents over MCP (mcp-actions backend).
        registerFailingChecksAction(actionsRegistry, service);
        // Campaigns: a level in one discipline for a set of entities by a
        // day; standings computed on a schedule, kept per day.
        const db = await database.getClient();
        if (!database.migrations?.skip) {
          await db.migrate.latest({ directory: MIGRATIONS_DIR });
        }
        const campaigns = new CampaignService({
          campaigns: readCampaignsConfig(config),
          store: new CampaignStore(db),
          catalog,
          techInsights,
          auth,
          logger,
        });
        await scheduler.scheduleTask({
          id: 'scorecards-campaigns',
          frequency: {
            minutes: readCampaignMinutes(config),
          },
          timeout: { minutes: 10 },
          // After the fact retrievers' first runs.
          initialDelay: { seconds: 90 },
          fn: () => campaigns.computeAll(new Date()),
        });
        httpRouter.use(
          await createScorecardsRouter({ httpAuth, service, campaigns }),
        );
      },
    });
  },
});
