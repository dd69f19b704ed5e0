import { mockServices } from '@backstage/backend-test-utils';
import { testCatalog } from '../__testUtils__/testCatalog';
import { component, mutableCatalog } from '../__testUtils__/mutableCatalog';
import { wholeCatalog } from '../__testUtils__/wholeCatalog';
import { CatalogEntityMirror } from './CatalogEntityMirror';
import { OwnershipIndexService } from './OwnershipIndexService';

describe('OwnershipIndexService', () => {
  it('refuses lookups with a 503 until a first index exists', async () => {
    const service = new OwnershipIndexService({
      sync: async () => {
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
    const sync = jest
      .fn()
      .mockResolvedValueOnce(wholeCatalog(testCatalog))
      .mockRejectedValue(new Error('ECONNREFUSED'));
    const service = new OwnershipIndexService({
      sync,
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
      sync: async () => wholeCatalog(testCatalog),
      logger: mockServices.logger.mock(),
      staleAfterMs: 90_000,
      now: () => now,
    });
    await service.refresh();
    now = new Date('2026-02-01T10:02:00Z');
    expect(service.status()).toMatchObject({ ageSeconds: 120, stale: true });
  });

  it('shares one rebuild between concurrent refreshes', async () => {
    const sync = jest.fn(async () => wholeCatalog(testCatalog));
    const service = new OwnershipIndexService({
      sync,
      logger: mockServices.logger.mock(),
      staleAfterMs: 1,
    });
    await Promise.all([
      service.refresh(),
      service.refresh(),
      service.refresh(),
    ]);
    expect(sync).toHaveBeenCalledTimes(1);
  });
});

describe('OwnershipIndexService over the catalog mirror', () => {
  const setup = (...initial: ReturnType<typeof component>[]) => {
    const { catalog, set } = mutableCatalog(initial);
    const mirror = new CatalogEntityMirror(catalog, mockServices.auth());
    let now = new Date('2026-02-01T10:00:00Z');
    const service = new OwnershipIndexService({
      sync: () => mirror.sync(),
      logger: mockServices.logger.mock(),
      staleAfterMs: 90_000,
      now: () => now,
    });
    return {
      catalog,
      set,
      service,
      at: (iso: string) => (now = new Date(iso)),
      descriptions: () =>
        [...service.current().entities.values()]
          .map(e => `${e.metadata.name} ${e.metadata.description}`)
          .sort(),
    };
  };

  it('applies each delta: changed entities replaced, new ones added, deleted ones gone', async () => {
    const { set, service, descriptions, at } = setup(
      component('a', '1'),
      component('b', '1'),
    );
    await service.refresh();
    expect(descriptions()).toEqual(['a rev 1', 'b rev 1']);

    set([component('a', '2'), component('c', '1')]);
    at('2026-02-01T10:00:30Z');
    await service.refresh();
    expect(descriptions()).toEqual(['a rev 2', 'c rev 1']);
    expect(service.status()).toMatchObject({ entities: 2, ageSeconds: 0 });
  });

  it('counts a refresh that found no change as catching up', async () => {
    const { service, at } = setup(component('a', '1'));
    await service.refresh();
    at('2026-02-01T10:05:00Z');
    expect(service.status()).toMatchObject({ ageSeconds: 300, stale: true });
    await service.refresh();
    expect(service.status()).toMatchObject({ ageSeconds: 0, stale: false });
  });

  it('rebuilds after a failed refresh, so a deletion seen during the failure is not lost', async () => {
    const { catalog, set, service, descriptions } = setup(
      component('a', '1'),
      component('b', '1'),
    );
    await service.refresh();

    // b is deleted and a changes; the mirror notices b is gone, then fails to fetch a.
    set([component('a', '2')]);
    catalog.getEntitiesByRefs.mockRejectedValueOnce(
      new Error('catalog timeout'),
    );
    await service.refresh();
    expect(service.status()).toMatchObject({
      stale: true,
      lastError: 'Error: catalog timeout',
    });
    expect(descriptions()).toEqual(['a rev 1', 'b rev 1']);

    await service.refresh();
    expect(descriptions()).toEqual(['a rev 2']);
    expect(service.status()).toMatchObject({ stale: false });
  });
});
