import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { onCallProvidersExtensionPoint } from '@internal/plugin-integrated-ops-node';
import { PagerDutyClient } from './PagerDutyClient';
import { PagerDutyProvider } from './PagerDutyProvider';

const withSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);

/**
 * PagerDuty on-call and alert forwarding for the integrated-ops lookup.
 * Needs `integratedOps.pagerduty.token` (a REST API key, read-only is
 * enough); refuses to start without it, so a misconfiguration is seen at
 * deploy time rather than at 3 a.m.
 */
export const integratedOpsModulePagerDuty = createBackendModule({
  pluginId: 'integrated-ops',
  moduleId: 'pagerduty',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        providers: onCallProvidersExtensionPoint,
      },
      async init({ config, logger, providers }) {
        const pd = config.getOptionalConfig('integratedOps.pagerduty');
        // Installed but not configured: the portal runs on YAML rotations.
        if (!pd) {
          logger.info(
            'PagerDuty is not configured (integratedOps.pagerduty); on-call comes from YAML rotations',
          );
          return;
        }
        const token = pd?.getOptionalString('token');
        if (!token) {
          throw new Error(
            'The PagerDuty module is configured but integratedOps.pagerduty.token is not set: give it a PagerDuty REST API key, or remove the integratedOps.pagerduty block',
          );
        }
        const provider = new PagerDutyProvider(
          new PagerDutyClient({
            baseUrl: withSlash(
              pd!.getOptionalString('apiBaseUrl') ??
                'https://api.pagerduty.com/',
            ),
            token,
          }),
          withSlash(
            pd!.getOptionalString('eventsBaseUrl') ??
              'https://events.pagerduty.com/',
          ),
        );
        providers.addProvider(provider);
        if (pd!.getOptionalBoolean('forwardAlerts') ?? true) {
          providers.addAlertForwarder(provider);
        }
      },
    });
  },
});
