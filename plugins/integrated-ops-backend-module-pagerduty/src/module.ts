import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  onCallProvidersExtensionPoint,
  readVendorConfig,
} from '@integrated-ops/plugin-integrated-ops-node';
import { PagerDutyClient } from './PagerDutyClient';
import { PagerDutyProvider } from './PagerDutyProvider';

/**
 * PagerDuty on-call and alert forwarding for the integrated-ops lookup.
 * Needs `integratedOps.pagerduty.token` (a REST API key, read-only is
 * enough); refuses to start without it, so a misconfiguration is seen at
 * deploy time rather than at 3 a.m.
 *
 * @public
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
        const pd = readVendorConfig(config, logger, {
          block: 'pagerduty',
          title: 'PagerDuty',
          secretKey: 'token',
          secretIs: 'a PagerDuty REST API key',
        });
        if (!pd) return;
        const provider = new PagerDutyProvider(
          new PagerDutyClient({
            baseUrl: pd.baseUrl('apiBaseUrl', 'https://api.pagerduty.com/'),
            token: pd.secret,
          }),
          pd.baseUrl('eventsBaseUrl', 'https://events.pagerduty.com/'),
        );
        providers.addProvider(provider);
        if (pd.config.getOptionalBoolean('forwardAlerts') ?? true) {
          providers.addAlertForwarder(provider);
        }
        // Paging from a lookup answer: the team's integration key, as alerts.
        if (pd.config.getOptionalBoolean('paging') ?? true) {
          providers.addPager(provider);
        }
      },
    });
  },
});
