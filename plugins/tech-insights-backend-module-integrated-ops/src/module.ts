import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { triggerTaskOnEvents } from '@integrated-ops/plugin-integrated-ops-node';
import { OPS_FACTS_CHANGED_TOPIC } from '@integrated-ops/plugin-integrated-ops-common';
import {
  OWNERSHIP_FACTS_RETRIEVER,
  ownershipFacts,
  ownershipFactsSchema,
} from './ownershipFacts';

/**
 * The integrated-ops facts for Tech Insights: typed owners, on-call depth
 * and runbooks of every component, system and resource, read from the
 * catalog with this backend's own credentials. Scheduled by
 * `techInsights.factRetrievers.integratedOpsOwnershipFactRetriever`.
 *
 * @public
 */
export const techInsightsModuleIntegratedOps = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'integrated-ops',
  register(reg) {
    reg.registerInit({
      deps: {
        retrievers: techInsightsFactRetrieversExtensionPoint,
        events: eventsServiceRef,
        scheduler: coreServices.scheduler,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
      },
      async init({ retrievers, events, scheduler, logger, catalog, auth }) {
        retrievers.addFactRetrievers({
          [OWNERSHIP_FACTS_RETRIEVER]: {
            id: OWNERSHIP_FACTS_RETRIEVER,
            version: '0.1.0',
            title: 'Typed owners, on-call and runbooks',
            description:
              "Each entity's NetOps, DevOps and SecOps owner source, the people on each owning team's on-call rotations, and whether it has a runbook",
            entityFilter: [
              { kind: 'component' },
              { kind: 'system' },
              { kind: 'resource' },
            ],
            schema: ownershipFactsSchema,
            async handler() {
              const credentials = await auth.getOwnServiceCredentials();
              const [entities, groups] = await Promise.all([
                catalog.getEntities(
                  {
                    filter: [
                      { kind: 'component' },
                      { kind: 'system' },
                      { kind: 'resource' },
                    ],
                  },
                  { credentials },
                ),
                catalog.getEntities(
                  { filter: { kind: 'group' } },
                  { credentials },
                ),
              ]);
              return ownershipFacts(entities.items, groups.items);
            },
          },
        });
        // Read again soon after its source changes, not only on schedule.
        await triggerTaskOnEvents({
          events,
          scheduler,
          logger,
          subscriberId: 'tech-insights.integrated-ops-facts',
          topics: [OPS_FACTS_CHANGED_TOPIC],
          taskId: OWNERSHIP_FACTS_RETRIEVER,
        });
      },
    });
  },
});
