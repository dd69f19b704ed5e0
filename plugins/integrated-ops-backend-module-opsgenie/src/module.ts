import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  onCallProvidersExtensionPoint,
  readVendorConfig,
} from '@integrated-ops/plugin-integrated-ops-node';
import { OpsgenieClient } from './OpsgenieClient';
import { OpsgenieProvider } from './OpsgenieProvider';

/**
 * Opsgenie on-call for the integrated-ops lookup. Needs
 * `integratedOps.opsgenie.apiKey`; refuses to start without it.
 *
 * @public
 */
export const integratedOpsModuleOpsgenie = createBackendModule({
  pluginId: 'integrated-ops',
  moduleId: 'opsgenie',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        providers: onCallProvidersExtensionPoint,
      },
      async init({ config, logger, providers }) {
        const og = readVendorConfig(config, logger, {
          block: 'opsgenie',
          title: 'Opsgenie',
          secretKey: 'apiKey',
          secretIs: 'an Opsgenie API key with Read access',
        });
        if (!og) return;
        const provider = new OpsgenieProvider(
          new OpsgenieClient({
            baseUrl: og.baseUrl('apiBaseUrl', 'https://api.opsgenie.com/'),
            apiKey: og.secret,
          }),
        );
        providers.addProvider(provider);
        // Paging from a lookup answer creates an alert for the team (the
        // key then needs Create and Update access, not only Read).
        if (og.config.getOptionalBoolean('paging') ?? false) {
          providers.addPager(provider);
        }
      },
    });
  },
});
