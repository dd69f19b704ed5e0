import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ConnectivityService } from './ConnectivityService';

/** main with no NetworkPolicy, as the local change publisher lists it. */
const emptyMain = {
  target: 'infrastructure',
  provider: 'local',
  filesOnMain: async () => ({ commit: undefined, files: [] }),
} as any;

describe('ConnectivityService warm-up', () => {
  it('asks for a rebuild until the model has seen the catalog’s entities, then not', async () => {
    const service = new ConnectivityService({
      publisher: emptyMain,
      // Right after a start: the catalog has processed nothing yet.
      catalog: catalogServiceMock({ entities: [] }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
    expect(service.needsWarmUp()).toBe(true);
    await service.rebuild();
    expect(service.needsWarmUp()).toBe(true);

    const warmed = new ConnectivityService({
      publisher: emptyMain,
      catalog: catalogServiceMock({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'payments-web', namespace: 'default' },
            spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
          },
        ],
      }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
    await warmed.rebuild();
    expect(warmed.needsWarmUp()).toBe(false);
  });
});
