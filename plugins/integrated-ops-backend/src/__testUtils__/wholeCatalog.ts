import { Entity } from '@backstage/catalog-model';
import { SyncResult } from '../service/CatalogEntityMirror';

/** A sync result that hands over a whole catalog, as a first sync does. */
export const wholeCatalog = (entities: Entity[]): SyncResult => ({
  upserted: entities,
  removed: [],
  entities: () => entities,
});
