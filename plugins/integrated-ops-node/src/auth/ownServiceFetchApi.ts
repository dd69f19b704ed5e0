import { AuthService } from '@backstage/backend-plugin-api';
import { bearerFetchApi } from '@integrated-ops/plugin-integrated-ops-common';

/**
 * A fetch API that calls another plugin as this plugin itself (no user):
 * each call carries a fresh service token for `targetPluginId` on behalf
 * of this plugin's own credentials.
 *
 * @public
 */
export function ownServiceFetchApi(
  auth: AuthService,
  targetPluginId: string,
  fetchImpl?: typeof fetch,
): { fetch: typeof fetch } {
  return bearerFetchApi(async () => {
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId,
    });
    return token;
  }, fetchImpl);
}
