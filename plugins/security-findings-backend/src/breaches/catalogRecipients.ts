import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * Which recipients the catalog does not know yet as a user, or as a group
 * with members: a notification to such a group reaches nobody, and the
 * catalog may still be processing the org when the first breach is told.
 */
export function catalogRecipients(deps: {
  catalog: CatalogService;
  auth: AuthService;
}) {
  return async (refs: string[]): Promise<string[]> => {
    const { items } = await deps.catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: ['kind', 'relations'] },
      { credentials: await deps.auth.getOwnServiceCredentials() },
    );
    return refs.filter((_, i) => {
      const entity = items[i];
      if (!entity) return true;
      if (entity.kind.toLocaleLowerCase('en-US') !== 'group') return false;
      return !(entity.relations ?? []).some(r => r.type === 'hasMember');
    });
  };
}
