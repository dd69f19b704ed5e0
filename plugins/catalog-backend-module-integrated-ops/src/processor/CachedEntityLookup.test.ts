import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CachedEntityLookup } from './CachedEntityLookup';

describe('CachedEntityLookup', () => {
  const system = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'edge' },
    spec: {},
  };

  it('asks the catalog once per ref within the TTL, and again after it', async () => {
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest.fn(async () => system),
    });
    let now = 0;
    const lookup = new CachedEntityLookup(catalog, mockServices.auth(), {
      ttlMs: 1000,
      maxEntries: 10,
      now: () => now,
    });
    await lookup.get('system:default/edge');
    await lookup.get('system:default/edge');
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(1);
    now = 1001;
    expect(await lookup.get('system:default/edge')).toEqual(system);
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(2);
  });

  it('does not remember a failed lookup', async () => {
    const getEntityByRef = jest
      .fn()
      .mockRejectedValueOnce(new Error('down'))
      .mockResolvedValue(system);
    const lookup = new CachedEntityLookup(
      catalogServiceMock.mock({ getEntityByRef }),
      mockServices.auth(),
      {
        ttlMs: 60_000,
        maxEntries: 10,
      },
    );
    await expect(lookup.get('system:default/edge')).rejects.toThrow('down');
    expect(await lookup.get('system:default/edge')).toEqual(system);
  });
});
