import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  ownServiceFetchApi,
  triggerTaskOnEvents,
} from '@integrated-ops/plugin-integrated-ops-node';
import {
  FINDINGS_CHANGED_TOPIC,
  SecurityFindingsApiClient,
} from '@integrated-ops/plugin-security-findings-common';
import {
  SECURITY_FACTS_RETRIEVER,
  securityFacts,
  securityFactsSchema,
} from './securityFacts';

/**
 * Security-findings facts for Tech Insights: every component's open
 * criticals and highs, findings past their SLA per owning discipline and
 * whether a scanner reports on it. Reads the catalog and the
 * security-findings plugin's `GET /facts` with this backend's own
 * credentials (tech-insights must be in that plugin's `factReaders`).
 * Scheduled by `techInsights.factRetrievers.securityFindingsFactRetriever`.
 *
 * @public
 */
export const techInsightsModuleSecurityFindings = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'security-findings',
  register(reg) {
    reg.registerInit({
      deps: {
        retrievers: techInsightsFactRetrieversExtensionPoint,
        events: eventsServiceRef,
        scheduler: coreServices.scheduler,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        config: coreServices.rootConfig,
      },
      async init({
        retrievers,
        events,
        scheduler,
        logger,
        catalog,
        auth,
        discovery,
        config,
      }) {
        const scannedWithinDays =
          config.getOptionalNumber(
            `techInsights.factRetrievers.${SECURITY_FACTS_RETRIEVER}.scannedWithinDays`,
          ) ?? 30;
        const findings = new SecurityFindingsApiClient({
          discoveryApi: discovery,
          fetchApi: ownServiceFetchApi(auth, 'security-findings'),
        });
        retrievers.addFactRetrievers({
          [SECURITY_FACTS_RETRIEVER]: {
            id: SECURITY_FACTS_RETRIEVER,
            version: '0.1.0',
            title: 'Security findings',
            description:
              "Each component's open criticals and highs, findings past their SLA per owning discipline, and whether a scanner reports on it",
            entityFilter: [{ kind: 'component' }],
            schema: securityFactsSchema,
            async handler() {
              const credentials = await auth.getOwnServiceCredentials();
              const [components, figures] = await Promise.all([
                catalog.getEntities(
                  {
                    filter: { kind: 'component' },
                    fields: ['kind', 'metadata.namespace', 'metadata.name'],
                  },
                  { credentials },
                ),
                findings.componentFacts({
                  signal: AbortSignal.timeout(30_000),
                }),
              ]);
              return securityFacts(components.items, figures, {
                scannedWithinDays,
              });
            },
          },
        });
        // Read again soon after its source changes, not only on schedule.
        await triggerTaskOnEvents({
          events,
          scheduler,
          logger,
          subscriberId: 'tech-insights.security-findings-facts',
          topics: [FINDINGS_CHANGED_TOPIC],
          taskId: SECURITY_FACTS_RETRIEVER,
        });
      },
    });
  },
});
