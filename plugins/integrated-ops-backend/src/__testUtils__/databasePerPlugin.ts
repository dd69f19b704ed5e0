import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';

/**
 * Gives each plugin of a test backend its own fresh SQLite database from
 * `databases` (create it at the top of the test file; it closes them after
 * the tests). The default database service leaves SQLite connection pools
 * open when the backend stops (on purpose, for in-memory databases), and
 * their timers keep the Jest worker from exiting.
 */
export function databasePerPlugin(databases: TestDatabases) {
  return createServiceFactory({
    service: coreServices.database,
    deps: {},
    async factory() {
      return mockServices.database({ knex: await databases.init('SQLITE_3') });
    },
  });
}
