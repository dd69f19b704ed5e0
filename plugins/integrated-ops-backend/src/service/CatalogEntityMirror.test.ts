import { mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogEntityMirror } from './CatalogEntityMirror';

const component = (name: string, etag: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    uid: `uid-${name}`,
    etag,
    description: `rev ${etag}`,
  },
  spec: {},
});

/** A catalog whose content the test changes between syncs. */
function mutableCatalog(initial: Entity[]) {
  let entities = initial;
  const catalog = catalogServiceMock.mock({
    streamEntities: async function* streamEntities() {
      yield entities.map(e => ({
        kind: e.kind,
        metadata: {
          name: e.metadata.name,
          namespace: e.metadata.namespace,
          uid: e.metadata.uid,
          etag: e.metadata.etag,
        },
      })) as Entity[];
    },
    getEntitiesByRefs: jest.fn(async ({ entityRefs }) => ({
      items: entityRefs.map(ref =>
        entities.find(e => stringifyEntityRef(e) === ref),
      ),
    })),
  });
  return { catalog, set: (next: Entity[]) => (entities = next) };
}

describe('CatalogEntityMirror', () => {
  it('fetches everything once, then only what changed, and forgets what is gone', async () => {
    const { catalog, set } = mutableCatalog([
      component('a', '1'),
      component('b', '1'),
      component('c', '1'),
    ]);
    const mirror = new CatalogEntityMirror(catalog, mockServices.auth());

    const first = await mirror.sync();
    expect([first.fetched, first.removed, first.entities.length]).toEqual([
      3, 0, 3,
    ]);

    const unchanged = await mirror.sync();
    expect([unchanged.fetched, unchanged.removed]).toEqual([0, 0]);

    set([component('a', '2'), component('c', '1'), component('d', '1')]);
    const delta = await mirror.sync();
    expect([delta.fetched, delta.removed]).toEqual([2, 1]);
    expect(
      delta.entities
        .map(e => `${e.metadata.name} ${e.metadata.description}`)
        .sort(),
    ).toEqual(['a rev 2', 'c rev 1', 'd rev 1']);
    expect(catalog.getEntitiesByRefs).toHaveBeenLastCalledWith(
      { entityRefs: ['component:default/a', 'component:default/d'] },
      expect.anything(),
    );
  });

  it('skips an entity deleted between listing and fetching', async () => {
    const { catalog } = mutableCatalog([component('a', '1')]);
    catalog.getEntitiesByRefs.mockResolvedValueOnce({ items: [undefined] });
    const mirror = new CatalogEntityMirror(catalog, mockServices.auth());
    expect((await mirror.sync()).entities).toEqual([]);
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
    expect((await mirror.sync()).fetched).toBe(1);
    expect((await mirror.sync()).fetched).toBe(1);
  });
});
