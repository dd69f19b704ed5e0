import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { triggerTaskOnEvents } from '@integrated-ops/plugin-integrated-ops-node';
import {
  OPS_FACTS_CHANGED_TOPIC,
  OPS_REQUESTS_CHANGED_TOPIC,
} from '@integrated-ops/plugin-integrated-ops-common';
import {
  changeDeliveryServiceRef,
  changePolicyFile,
  MainConnectivity,
} from '@integrated-ops/plugin-ops-requests-node';
import {
  CONNECTIVITY_FACTS_RETRIEVER,
  connectivityFactsSchema,
} from './connectivityFacts';
import { readConnectivityFacts } from './readConnectivityFacts';

/**
 * Connectivity facts for Tech Insights: each component's baseline, access
 * rules past their expiry and invariant violations, from the
 * infrastructure repository's main (read through the change-delivery
 * service, as the connectivity plugin reads it) and the change policy's
 * invariants (`integratedOps.policy.file`). Scheduled by
 * `techInsights.factRetrievers.connectivityFactRetriever`. A main that
 * cannot be read writes nothing: the last facts stay, with their
 * `retrievedAt`.
 *
 * @public
 */
export const techInsightsModuleConnectivity = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'connectivity',
  register(reg) {
    reg.registerInit({
      deps: {
        retrievers: techInsightsFactRetrieversExtensionPoint,
        events: eventsServiceRef,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        delivery: changeDeliveryServiceRef,
      },
      async init({
        retrievers,
        events,
        scheduler,
        catalog,
        auth,
        config,
        logger,
        delivery,
      }) {
        const policyFile = changePolicyFile(config);
        const main = new MainConnectivity({
          publisher: delivery.publisher,
          catalog,
          logger,
        });
        retrievers.addFactRetrievers({
          [CONNECTIVITY_FACTS_RETRIEVER]: {
            id: CONNECTIVITY_FACTS_RETRIEVER,
            version: '0.1.0',
            title: 'Network baseline, expired access and invariants',
            description:
              "Each component's isolation by a baseline, network policies selecting it past their expiry, and connections into it the change policy's invariants forbid, as the infrastructure repository's main allows them",
            entityFilter: [{ kind: 'component' }],
            schema: connectivityFactsSchema,
            async handler() {
              return readConnectivityFacts({
                main,
                catalog,
                credentials: await auth.getOwnServiceCredentials(),
                policyFile,
                logger,
              });
            },
          },
        });
        // Read again soon after its source changes, not only on schedule.
        await triggerTaskOnEvents({
          events,
          scheduler,
          logger,
          subscriberId: 'tech-insights.connectivity-facts',
          topics: [OPS_FACTS_CHANGED_TOPIC, OPS_REQUESTS_CHANGED_TOPIC],
          taskId: CONNECTIVITY_FACTS_RETRIEVER,
        });
      },
    });
  },
});
