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
  OPS_FACTS_CHANGED_TOPIC,
  RECERTIFICATION_STATUS_TOPIC,
} from '@integrated-ops/plugin-integrated-ops-common';
import { OpsRequestsApiClient } from '@integrated-ops/plugin-ops-requests-common';
import {
  RECERTIFICATION_FACTS_RETRIEVER,
  recertificationFacts,
  recertificationFactsSchema,
} from './recertificationFacts';

/**
 * Re-certification facts for Tech Insights: where each component's,
 * system's and resource's typed owners stand in their ownership
 * re-certification. Reads the catalog and the ops-requests plugin's
 * `GET /recertifications` with this backend's own credentials
 * (tech-insights must be in `integratedOps.requests.factReaders`, its
 * default). Scheduled by
 * `techInsights.factRetrievers.opsRequestsRecertificationFactRetriever`.
 *
 * @public
 */
export const techInsightsModuleOpsRequests = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'ops-requests',
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
      },
      async init({
        retrievers,
        events,
        scheduler,
        logger,
        catalog,
        auth,
        discovery,
      }) {
        const requests = new OpsRequestsApiClient({
          discoveryApi: discovery,
          fetchApi: ownServiceFetchApi(auth, 'ops-requests'),
        });
        retrievers.addFactRetrievers({
          [RECERTIFICATION_FACTS_RETRIEVER]: {
            id: RECERTIFICATION_FACTS_RETRIEVER,
            version: '0.1.0',
            title: 'Ownership re-certification',
            description:
              "Where each entity's NetOps, DevOps and SecOps owner declarations stand in their re-certification",
            entityFilter: [
              { kind: 'component' },
              { kind: 'system' },
              { kind: 'resource' },
            ],
            schema: recertificationFactsSchema,
            async handler() {
              const credentials = await auth.getOwnServiceCredentials();
              const [entities, report] = await Promise.all([
                catalog.getEntities(
                  {
                    filter: [
                      { kind: 'component' },
                      { kind: 'system' },
                      { kind: 'resource' },
                    ],
                    fields: ['kind', 'metadata', 'relations', 'spec.owner'],
                  },
                  { credentials },
                ),
                requests.recertifications({
                  signal: AbortSignal.timeout(30_000),
                }),
              ]);
              return recertificationFacts(entities.items, report);
            },
          },
        });
        // Read again soon after its source changes, not only on schedule.
        await triggerTaskOnEvents({
          events,
          scheduler,
          logger,
          subscriberId: 'tech-insights.ops-requests-facts',
          topics: [OPS_FACTS_CHANGED_TOPIC, RECERTIFICATION_STATUS_TOPIC],
          taskId: RECERTIFICATION_FACTS_RETRIEVER,
        });
      },
    });
  },
});
