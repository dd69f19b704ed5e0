import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { searchEngineRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { OpsLunrSearchEngine } from './engine/OpsLunrSearchEngine';

/**
 * The in-memory search engine (Lunr) asked for addresses as an incident
 * responder types them: exact parts first, and the incident lookup offered
 * (see OpsLunrSearchEngine). On PostgreSQL it leaves the engine to
 * search-backend-module-pg.
 *
 * @public
 */
export const searchModuleIntegratedOpsEngine = createBackendModule({
  pluginId: 'search',
  moduleId: 'integrated-ops-engine',
  register(reg) {
    reg.registerInit({
      deps: {
        engines: searchEngineRegistryExtensionPoint,
        database: coreServices.database,
        logger: coreServices.logger,
      },
      async init({ engines, database, logger }) {
        const knex = await database.getClient();
        if (knex.client.config.client === 'pg') return;
        engines.setSearchEngine(new OpsLunrSearchEngine({ logger }));
      },
    });
  },
});
