import { mockServices } from '@backstage/backend-test-utils';
import { testCatalog } from '../__testUtils__/testCatalog';
import { OwnershipIndexService } from './OwnershipIndexService';

describe('OwnershipIndexService', () => {
  it('refuses lookups with a 503 until a first index exists', async () => {
    const service = new OwnershipIndexService({
      loadEntities: async () => {
        throw new Error('catalog unreachable');
      },
      logger: mockServices.logger.mock(),
      staleAfterMs: 90_000,
    });
    await service.refresh();
    expect(() => service.current()).toThrow(
      /not built yet: Error: catalog unreachable/,
    );
    expect(service.status()).toEqual({
      stale: true,
      entities: 0,
      lastError: 'Error: catalog unreachable',
    });
  });

  it('keeps answering from the last index when the catalog fails, and says it is stale', async () => {
    let now = new Date('2026-02-01T10:00:00Z');
    const loadEntities = jest
      .fn()
      .mockResolvedValueOnce(testCatalog)
      .mockRejectedValue(new Error('ECONNREFUSED'));
    const service = new OwnershipIndexService({
      loadEntities,
      logger: mockServices.logger.mock(),
      staleAfterMs: 90_000,
      now: () => now,
    });

    await service.refresh();
    expect(service.status()).toEqual({
      builtAt: '2026-02-01T10:00:00.000Z',
      ageSeconds: 0,
      stale: false,
      entities: testCatalog.length,
      lastError: undefined,
    });

    now = new Date('2026-02-01T10:00:30Z');
    await service.refresh();
    expect(service.current().entity('component:default/gateway')).toBeDefined();
    expect(service.status()).toMatchObject({
      ageSeconds: 30,
      stale: true,
      lastError: 'Error: ECONNREFUSED',
    });
  });

  it('reports an old index as stale even without errors', async () => {
    let now = new Date('2026-02-01T10:00:00Z');
    const service = new OwnershipIndexService({
      loadEntities: async () => testCatalog,
      logger: mockServices.logger.mock(),
      staleAfterMs: 90_000,
      now: () => now,
    });
    await service.refresh();
    now = new Date('2026-02-01T10:02:00Z');
    expect(service.status()).toMatchObject({ ageSeconds: 120, stale: true });
  });

  it('shares one rebuild between concurrent refreshes', async () => {
    const loadEntities = jest.fn(async () => testCatalog);
    const service = new OwnershipIndexService({
      loadEntities,
      logger: mockServices.logger.mock(),
      staleAfterMs: 1,
    });
    await Promise.all([
      service.refresh(),
      service.refresh(),
      service.refresh(),
    ]);
    expect(loadEntities).toHaveBeenCalledTimes(1);
  });
});
