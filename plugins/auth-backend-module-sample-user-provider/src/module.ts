import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { sampleUserAuthenticator } from './sampleUserAuthenticator';

/**
 * `auth.providers.sampleUser: {}` adds sign-in as any User of the catalog,
 * by name, when `auth.environment` is development (ignored otherwise): the
 * sign-in resolver finds the User entity, so team memberships and ownership
 * are the real ones.
 *
 * @public
 */
export const authModuleSampleUserProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'sample-user-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ providers, config, logger }) {
        if (!config.has('auth.providers.sampleUser')) return;
        if (config.getOptionalString('auth.environment') !== 'development') {
          // It lets anyone sign in as anyone: never outside development.
          logger.warn(
            'auth.providers.sampleUser is ignored: it only runs with auth.environment development',
          );
          return;
        }
        logger.warn('Sample-user sign-in is on: development only');
        providers.registerProvider({
          providerId: 'sampleUser',
          factory: createProxyAuthProviderFactory({
            authenticator: sampleUserAuthenticator,
            async signInResolver({ result }, ctx) {
              return ctx.signInWithCatalogUser({
                entityRef: {
                  kind: 'User',
                  namespace: 'default',
                  name: result.userName,
                },
              });
            },
          }),
        });
      },
    });
  },
});
