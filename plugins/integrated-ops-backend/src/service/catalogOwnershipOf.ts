import {
  CatalogOwnership,
  defaultOwnershipEntityRefs,
} from '@integrated-ops/plugin-integrated-ops-node';
import { OwnershipIndexService } from './OwnershipIndexService';

/** A catalog user's ownership refs as the current index has them, and as of when. */
export function catalogOwnershipOf(
  indexService: OwnershipIndexService,
  userEntityRef: string,
): CatalogOwnership | undefined {
  let index;
  try {
    index = indexService.current();
  } catch {
    return undefined; // not built yet
  }
  const user = index.entity(userEntityRef);
  if (user?.kind.toLocaleLowerCase('en-US') !== 'user') return undefined;
  return {
    ownershipEntityRefs: defaultOwnershipEntityRefs(user),
    asOf: index.builtAt,
  };
}
