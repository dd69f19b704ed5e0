import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

/** A bare component whose description says which revision it is. */
export const component = (name: string, etag: string): Entity => ({
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
export function mutableCatalog(initial: Entity[]) {
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
