import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  catalogProcessingExtensionPoint,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';

/**
 * A catalog entity provider fed by the caller, like any provider: add
 * `module` to the backend, then `replace(entities)` makes them the provider's
 * whole content (a full mutation; location annotations added).
 */
export function testEntityProvider(name: string) {
  let connected: (connection: EntityProviderConnection) => void;
  const connection = new Promise<EntityProviderConnection>(resolve => {
    connected = resolve;
  });
  const location = `url:https://${name}.example/estate.yaml`;
  const module = createBackendModule({
    pluginId: 'catalog',
    moduleId: name,
    register(reg) {
      reg.registerInit({
        deps: { processing: catalogProcessingExtensionPoint },
        async init({ processing }) {
          processing.addEntityProvider({
            getProviderName: () => name,
            connect: async c => connected(c),
          });
        },
      });
    },
  });
  async function replace(entities: Entity[]) {
    await (
      await connection
    ).applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        locationKey: name,
        entity: {
          ...entity,
          metadata: {
            namespace: 'default',
            ...entity.metadata,
            annotations: {
              ...entity.metadata.annotations,
              [ANNOTATION_LOCATION]: location,
              [ANNOTATION_ORIGIN_LOCATION]: location,
            },
          },
        },
      })),
    });
  }
  return { module, replace };
}
