import { mockServices } from '@backstage/backend-test-utils';
import { component, mutableCatalog } from '../__testUtils__/mutableCatalog';
import { CatalogEntityMirror } from './CatalogEntityMirror';
import { EntityChangeFollower } from './EntityChangeFollower';
import { OwnershipIndexService } from './OwnershipIndexService';

/** The follower over a real mirror and index, on a catalog the test edits. */
async function setup(
  options: { maxFollowed?: number; followMs?: number } = {},
) {
  const { catalog, set } = mutableCatalog([
    component('a', '1'),
    component('b', '1'),
  ]);
  const mirror = new CatalogEntityMirror(catalog, mockServices.auth());
  const service = new OwnershipIndexService({
    sync: () => mirror.sync(),
    logger: mockServices.logger.mock(),
    staleAfterMs: 90_000,
  });
  await service.refresh();
  catalog.getEntitiesByRefs.mockClear();
  const relist = jest.fn(() => service.refresh());
  const follower = new EntityChangeFollower({
    patch: refs => service.patch(() => mirror.refetch(refs)),
    relist,
    logger: mockServices.logger.mock(),
    relistAfterMs: 10,
    ...options,
  });
  const description = (name: string) =>
    service.current().entity(`component:default/${name}`)?.metadata.description;
  return { catalog, set, service, follower, relist, description };
}

const settle = (ms: number) => new Promise(r => setTimeout(r, ms));

async function waitFor(check: () => boolean, ms = 3000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await settle(20);
  }
}

describe('EntityChangeFollower', () => {
  it('patches an announced entity once the catalog serves its new version, and no other', async () => {
    const { set, follower, description, catalog } = await setup();
    // Announced at processing time; the catalog still serves revision 1.
    follower.follow(['Component:default/A']);
    await settle(150);
    expect(description('a')).toBe('rev 1');
    expect(follower.following).toBe(1);

    // Stitched: now the catalog serves revision 2 (b changed too, unannounced).
    set([component('a', '2'), component('b', '2')]);
    await waitFor(() => description('a') === 'rev 2');
    expect(description('b')).toBe('rev 1');
    expect(follower.following).toBe(0);
    const asked = catalog.getEntitiesByRefs.mock.calls.flatMap(
      ([request]) => request.entityRefs,
    );
    expect(new Set(asked)).toEqual(new Set(['component:default/a']));
    follower.stop();
  });

  it('adds an entity new to the catalog as soon as the catalog serves it', async () => {
    const { set, follower, description } = await setup();
    follower.follow(['component:default/c']);
    await settle(50);
    expect(description('c')).toBeUndefined();
    set([component('a', '1'), component('b', '1'), component('c', '1')]);
    await waitFor(() => description('c') === 'rev 1');
    expect(follower.following).toBe(0);
    follower.stop();
  });

  it('stops following a ref that never changes, leaving it to the listing', async () => {
    const { follower, catalog } = await setup({ followMs: 300 });
    follower.follow(['component:default/a']);
    await waitFor(() => follower.following === 0);
    const calls = catalog.getEntitiesByRefs.mock.calls.length;
    await settle(400);
    expect(catalog.getEntitiesByRefs.mock.calls.length).toBe(calls);
    follower.stop();
  });

  it('keeps following through a failed catalog read', async () => {
    const { set, follower, description, catalog } = await setup();
    catalog.getEntitiesByRefs.mockRejectedValueOnce(new Error('timeout'));
    set([component('a', '2'), component('b', '1')]);
    follower.follow(['component:default/a']);
    await waitFor(() => description('a') === 'rev 2');
    expect(catalog.getEntitiesByRefs.mock.calls.length).toBeGreaterThan(1);
    follower.stop();
  });

  it('hands a burst larger than it follows one by one to one early listing', async () => {
    const { set, follower, description, relist, catalog } = await setup({
      maxFollowed: 1,
    });
    set([component('a', '2'), component('b', '2')]);
    follower.follow(['component:default/a', 'component:default/b']);
    expect(follower.following).toBe(0);
    await waitFor(() => relist.mock.calls.length === 1);
    await waitFor(() => description('b') === 'rev 2');
    expect(description('a')).toBe('rev 2');
    // Only the listing read them, in one batch.
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);
    follower.stop();
  });
});
