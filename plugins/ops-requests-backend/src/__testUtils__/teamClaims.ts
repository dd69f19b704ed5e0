import {
  BackstageCredentials,
  BackstageUserPrincipal,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';

/** Who is in which approving team of the request catalog. */
const TEAMS: Record<string, string[]> = {
  'user:default/ana': ['group:default/netops-edge'],
  'user:default/tom': ['group:default/netops-edge'],
  'user:default/omar': ['group:default/netops-dc'],
  'user:default/lucas': ['group:default/soc-t1'],
  'user:default/elena': ['group:default/soc-t1'],
  'user:default/sam': ['group:default/sre'],
};

/** A user's ownership claims, as their token carries them: the user and their teams. */
export const claimsOf = (userRef: string) => [
  userRef,
  ...(TEAMS[userRef] ?? []),
];

/** A user deciding a request, with their claims. */
export const decider = (userRef: string) => ({
  userEntityRef: userRef,
  claims: claimsOf(userRef),
});

/** User info from the claims above, for every plugin of a test backend. */
export const teamClaimsUserInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: BackstageCredentials) {
      const { userEntityRef } = (
        credentials as BackstageCredentials<BackstageUserPrincipal>
      ).principal;
      return { userEntityRef, ownershipEntityRefs: claimsOf(userEntityRef) };
    },
  }),
});
