import { AuthService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** Streams every entity out of the catalog, page by page, as this plugin. */
export async function loadCatalogEntities(
  catalog: CatalogService,
  auth: AuthService,
): Promise<Entity[]> {
  const credentials = await auth.getOwnServiceCredentials();
  const entities: Entity[] = [];
  for await (const page of catalog.streamEntities(
    { pageSize: 1000 },
    { credentials },
  )) {
    entities.push(...page);
  }
  return entities;
}
