import {
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * A user's ownership refs as an in-memory copy of the catalog has them.
 *
 * @public
 */
export interface CatalogOwnership {
  /** The user's ref and the refs of the groups it is a member of. */
  ownershipEntityRefs: string[];
  /** When that copy last matched the catalog. */
  asOf: Date;
}

/**
 * Where a backend's in-memory copy of the catalog (the lookup index) says
 * which groups a user is in, for the user info service to fall back on
 * while the auth backend's database is down. One per backend (root scope).
 *
 * @public
 */
export interface CatalogOwnershipClaimsService {
  /** Set by the plugin that holds the copy; the last one set wins. */
  setSource(
    ownershipOf: (userEntityRef: string) => CatalogOwnership | undefined,
  ): void;
  /** The user's ownership refs from the source set, or undefined when there is none or it does not know the user. */
  ownershipOf(userEntityRef: string): CatalogOwnership | undefined;
}

/**
 * The {@link CatalogOwnershipClaimsService}, one per backend; by default it
 * knows no user until a plugin sets its source.
 *
 * @public
 */
export const catalogOwnershipClaimsServiceRef =
  createServiceRef<CatalogOwnershipClaimsService>({
    id: 'integrated-ops.catalog-ownership-claims',
    scope: 'root',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {},
        factory() {
          let source: (ref: string) => CatalogOwnership | undefined = () =>
            undefined;
          return {
            setSource(ownershipOf) {
              source = ownershipOf;
            },
            ownershipOf: ref => source(ref),
          };
        },
      }),
  });

/**
 * A user's ownership refs as Backstage's catalog sign-in resolvers issue
 * them (the user and the groups it is a member of): what the token of a
 * user signed in with `emailMatchingUserEntityProfileEmail` carries.
 *
 * @public
 */
export function defaultOwnershipEntityRefs(user: Entity): string[] {
  const groups =
    user.relations
      ?.filter(
        r => r.type === RELATION_MEMBER_OF && r.targetRef.startsWith('group:'),
      )
      .map(r => r.targetRef) ?? [];
  return [...new Set([stringifyEntityRef(user), ...groups])];
}
