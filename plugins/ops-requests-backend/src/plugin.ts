import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { checkInvariantsOnMain } from './connectivity/invariantsOnMain';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  ChangePlanner,
  changeDeliveryServiceRef,
  MainConnectivity,
} from '@integrated-ops/plugin-ops-requests-node';
import { readOpsRequestsOptions } from './options';
import { DatabaseRequestStore } from './requests/DatabaseRequestStore';
import { LookupOnCallDirectory } from './requests/LookupOnCallDirectory';
import { RequestService } from './requests/RequestService';
import { registerRequestPermissions } from './requests/requestPermissions';
import { scheduleRequestTasks } from './requests/requestTasks';
import { createRequestsRouter } from './router/createRequestsRouter';
import { GovernanceKpiService } from './kpis/GovernanceKpiService';
import { KpiStore } from './kpis/KpiStore';
import { integratedOpsLookupOutcomes } from './kpis/lookupOutcomesSource';
import { tellTheLookup } from './lookupEvents/tellTheLookup';
import { SecurityFindingsDirectory } from './findings/SecurityFindingsDirectory';
import { tellTheFindings } from './findings/tellTheFindings';

/**
 * Change requests: filed from an intent, judged by the versioned change
 * policy, approved by the teams the catalog names, delivered as a reviewed
 * git change, expired, revoked and re-certified.
 *
 * @public
 */
export const opsRequestsPlugin = createBackendPlugin({
  pluginId: 'ops-requests',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        config: coreServices.rootConfig,
        database: coreServices.database,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        notifications: notificationService,
        delivery: changeDeliveryServiceRef,
        events: eventsServiceRef,
      },
      async init(deps) {
        const { logger, scheduler, permissionsRegistry } = deps;
        const store = await DatabaseRequestStore.create(deps.database);
        const options = readOpsRequestsOptions(deps.config);
        const { policyFile } = options;
        const mainConnectivity = new MainConnectivity({
          publisher: deps.delivery.publisher,
          catalog: deps.catalog,
          logger,
        });
        const service = new RequestService({
          store,
          applyLeaseMs: options.applyLeaseSeconds * 1000,
          logger,
          notifications: deps.notifications,
          planner: new ChangePlanner({
            catalog: deps.catalog,
            policyFile,
            onCall: new LookupOnCallDirectory({
              discovery: deps.discovery,
              auth: deps.auth,
              logger,
            }),
            connectivity: mainConnectivity,
            findings: new SecurityFindingsDirectory({
              discovery: deps.discovery,
              auth: deps.auth,
            }),
            serviceCredentials: () => deps.auth.getOwnServiceCredentials(),
          }),
          publisher: deps.delivery.publisher,
          ownership: { catalog: deps.catalog, auth: deps.auth, policyFile },
        });

        await tellTheLookup({
          events: deps.events,
          logger,
          lifecycle: deps.lifecycle,
          scheduler,
          store,
          recertifications: service.recertifications,
          options,
        });
        tellTheFindings({
          events: deps.events,
          logger,
          lifecycle: deps.lifecycle,
          store,
        });
        await scheduleRequestTasks({ scheduler, logger, service, options });
        // The policy's connectivity invariants on main as it is, daily.
        await scheduler.scheduleTask({
          id: 'ops-requests-connectivity-invariants-on-main',
          frequency: { minutes: options.invariantCheckMinutes },
          timeout: { minutes: 10 },
          initialDelay: { minutes: 2 },
          fn: async () => {
            await checkInvariantsOnMain({
              connectivity: mainConnectivity,
              catalog: deps.catalog,
              credentials: await deps.auth.getOwnServiceCredentials(),
              policyFile,
              notifications: deps.notifications,
              logger,
            });
          },
        });

        registerRequestPermissions({ permissionsRegistry, store, service });
        deps.httpRouter.use(
          await createRequestsRouter({
            httpAuth: deps.httpAuth,
            userInfo: deps.userInfo,
            permissions: deps.permissions,
            permissionsRegistry,
            service,
            store,
            factReaders: options.factReaders,
            kpis: new GovernanceKpiService({
              store: new KpiStore(await deps.database.getClient(), store),
              catalog: deps.catalog,
              auth: deps.auth,
              recertifications: service.recertifications,
              lookups: integratedOpsLookupOutcomes({
                discovery: deps.discovery,
                auth: deps.auth,
              }),
            }),
            calendar: {
              catalog: deps.catalog,
              policyFile,
              recertifyAfterDays: options.recertifyAfterDays,
              portalUrl: options.portalUrl,
            },
          }),
        );
      },
    });
  },
});
