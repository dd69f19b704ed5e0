import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { permissionRules } from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import { CanRead, readsEverything } from '../index/canRead';
import { OwnershipIndex } from '../index/OwnershipIndex';

// The catalog's own rules (IS_ENTITY_KIND, IS_ENTITY_OWNER, HAS_ANNOTATION,
// ...), applied to the entity the index holds.
const authorizeEntity = createConditionAuthorizer(
  Object.values(permissionRules),
);

/**
 * The caller's `catalog.entity.read` decision as a predicate over index refs,
 * so a lookup shows only what the catalog would show them. One permission
 * call per request; a conditional decision is evaluated here, in memory. A
 * condition naming a rule this plugin does not know (added by another
 * module) hides the entity: unknown means no.
 */
export async function catalogReadFilter(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  index: OwnershipIndex,
): Promise<CanRead> {
  const [decision] = await permissions.authorizeConditional(
    [{ permission: catalogEntityReadPermission }],
    { credentials },
  );
  if (decision.result === AuthorizeResult.ALLOW) return readsEverything;
  if (decision.result === AuthorizeResult.DENY) return () => false;
  return ref => {
    try {
      return authorizeEntity(decision, index.entity(ref));
    } catch {
      return false;
    }
  };
}
