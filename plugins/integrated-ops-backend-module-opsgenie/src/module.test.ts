import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import integratedOpsPlugin from '@integrated-ops/plugin-integrated-ops-backend';
import { integratedOpsModuleOpsgenie } from './module';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('integrated-ops Opsgenie module', () => {
  it('refuses to start with the block but no API key, saying what to set', async () => {
    await expect(
      startTestBackend({
        features: [
          integratedOpsPlugin,
          integratedOpsModuleOpsgenie,
          catalogServiceMock.factory({ entities: [] }),
          // a database the test closes, unlike the default in-memory one
          createServiceFactory({
            service: coreServices.database,
            deps: {},
            factory: async () =>
              mockServices.database({ knex: await databases.init('SQLITE_3') }),
          }),
          mockServices.rootConfig.factory({
            data: {
              integratedOps: { opsgenie: { apiBaseUrl: 'http://127.0.0.1:9' } },
            },
          }),
        ],
      }),
    ).rejects.toThrow('integratedOps.opsgenie.apiKey is not set');
  });
});
