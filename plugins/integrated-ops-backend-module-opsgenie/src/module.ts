import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { onCallProvidersExtensionPoint } from '@internal/plugin-integrated-ops-node';
import { OpsgenieClient } from './OpsgenieClient';
import { OpsgenieProvider } from './OpsgenieProvider';

/**
 * Opsgenie on-call for the integrated-ops lookup. Needs
 * `integratedOps.opsgenie.apiKey`; refuses to start without it.
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
        const og = config.getOptionalConfig('integratedOps.opsgenie');
        // Installed but not configured: the portal runs on YAML rotations.
        if (!og) {
          logger.info(
            'Opsgenie is not configured (integratedOps.opsgenie); on-call comes from YAML rotations',
          );
          return;
        }
        const apiKey = og?.getOptionalString('apiKey');
        if (!apiKey) {
          throw new Error(
            'The Opsgenie module is configured but integratedOps.opsgenie.apiKey is not set: give it an Opsgenie API key (Configuration access not needed, Read is enough), or remove the integratedOps.opsgenie block',
          );
        }
        const baseUrl =
          og!.getOptionalString('apiBaseUrl') ?? 'https://api.opsgenie.com/';
        providers.addProvider(
          new OpsgenieProvider(
            new OpsgenieClient({
              baseUrl: baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`,
              apiKey,
            }),
          ),
        );
      },
    });
  },
});
