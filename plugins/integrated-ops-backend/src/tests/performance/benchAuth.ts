import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { httpRouterServiceFactory } from '@backstage/backend-defaults/httpRouter';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { permissionsRegistryServiceFactory } from '@backstage/backend-defaults/permissionsRegistry';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import authPlugin from '@backstage/plugin-auth-backend';
import guestProvider from '@backstage/plugin-auth-backend-module-guest-provider';
import permissionPlugin from '@backstage/plugin-permission-backend';
import permissionModuleIntegratedOps from '@integrated-ops/plugin-permission-backend-module-integrated-ops';
import { fetchOnce } from './fetchOnce';

/** A signed-in guest user's Backstage token, as the portal's frontend holds it. */
async function guestToken(baseUrl: string): Promise<string> {
  const res = await fetchOnce(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in: ${res.status}`);
  const { backstageIdentity } = await res.json();
  return backstageIdentity.token;
}

/**
 * The bench backends' authentication. By default the test backend's mocks.
 * BENCH_AUTH=production: the backend's real authentication and permissions;
 * requests carry a signed-in user's token (the guest provider's) that every
 * request verifies, and every permission question goes over HTTP to the
 * permission backend, which asks the portal's policy - what a browser's
 * lookup costs in the deployed portal.
 */
export function benchAuth() {
  if (process.env.BENCH_AUTH !== 'production') {
    return {
      features: [],
      config: {},
      headers: async (
        _baseUrl: string,
      ): Promise<Record<string, string>> => ({}),
      description:
        "the test backend's mocks (no token verification, no permission-backend round trip)",
    };
  }
  return {
    features: [
      authServiceFactory,
      httpAuthServiceFactory,
      httpRouterServiceFactory,
      userInfoServiceFactory,
      permissionsServiceFactory,
      permissionsRegistryServiceFactory,
      authPlugin,
      guestProvider,
      permissionPlugin,
      permissionModuleIntegratedOps,
    ],
    config: {
      app: { baseUrl: 'http://localhost:3000' },
      permission: { enabled: true },
      auth: {
        providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
      },
    },
    headers: async (baseUrl: string): Promise<Record<string, string>> => ({
      authorization: `Bearer ${await guestToken(baseUrl)}`,
    }),
    description:
      "production (a signed-in user's token verified on every request; permission questions over HTTP to the permission backend and the portal's policy)",
  };
}
