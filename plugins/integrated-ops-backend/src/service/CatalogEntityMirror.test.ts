import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { component, mutableCatalog } from '../__testUtils__/mutableCatalog';
import { CatalogEntityMirror } from './CatalogEntityMirror';

const names = (entities: Iterable<Entity>) =>
  [...entities].map(e => `${e.metadata.name} ${e.metadata.description}`).sort();

describe('CatalogEntityMirror', () => {
  it('fetches everything once, then only what changed, and forgets what is gone', async () => {
    const { catalog, set } = mutableCatalog([
      component('a', '1'),
      component('b', '1'),
      component('c', '1'),
    ]);
    const mirror = new CatalogEntityMirror(catalog, mockServices.auth());

    const first = await mirror.sync();
    expect(names(first.upserted)).toEqual(['a rev 1', 'b rev 1', 'c rev 1']);
    expect(first.removed).toEqual([]);

    const unchanged = await mirror.sync();
    expect([unchanged.upserted, unchanged.removed]).toEqual([[], []]);

    set([component('a', '2'), component('c', '1'), component('d', '1')]);
    const delta = await mirror.sync();
    expect(names(delta.upserted)).toEqual(['a rev 2', 'd rev 1']);
    expect(delta.removed).toEqual(['component:default/b']);
    expect(names(delta.entities())).toEqual(['a rev 2', 'c rev 1', 'd rev 1']);
    expect(catalog.getEntitiesByRefs).toHaveBeenLastCalledWith(
      { entityRefs: ['component:default/a', 'component:default/d'] },
      expect.anything(),
    );
  });

  it('skips an entity deleted between listing and fetching', async () => {
    const { catalog } = mutableCatalog([component('a', '1')]);
    catalog.getEntitiesByRefs.mockResolvedValueOnce({ items: [undefined] });
    const mirror = new CatalogEntityMirror(catalog, mockServices.auth());
    const result = await mirror.sync();
    expect([...result.entities()]).toEqual([]);
    expect(result.upserted).toEqual([]);
  });
});

describe('CatalogEntityMirror without etags', () => {
  it('fetches entities that carry no etag on every sync rather than keeping a stale copy', async () => {
    const noEtag = {
      ...component('a', '1'),
      metadata: { name: 'a', namespace: 'default' },
    };
    const { catalog } = mutableCatalog([noEtag]);
    const mirror = new CatalogEntityMirror(catalog, mockServices.auth());
    expect((await mirror.sync()).upserted).toHaveLength(1);
    expect((await mirror.sync()).upserted).toHaveLength(1);
  });
});
