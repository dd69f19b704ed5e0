import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  opsRequestCreatePermission,
  opsRequestDecidePermission,
  opsRequestReadPermission,
} from '@integrated-ops/plugin-ops-requests-common';
import {
  ChangePlanner,
  changeDeliveryServiceRef,
  opsRequestResourceRef,
  opsRequestRules,
} from '@integrated-ops/plugin-ops-requests-node';
import { resolve } from 'path';
import { DatabaseRequestStore } from './requests/DatabaseRequestStore';
import { LookupOnCallDirectory } from './requests/LookupOnCallDirectory';
import { RequestService } from './requests/RequestService';
import { createRequestsRouter } from './router/createRequestsRouter';
import { GovernanceKpiService } from './kpis/GovernanceKpiService';
import { KpiStore } from './kpis/KpiStore';
import { integratedOpsLookupOutcomes } from './kpis/lookupOutcomesSource';
import { LookupEventsPublisher } from './lookupEvents/LookupEventsPublisher';

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
        const { config, logger, scheduler, permissionsRegistry } = deps;
        const store = await DatabaseRequestStore.create(deps.database);
        const policyFile = resolve(
          config.getOptionalString('integratedOps.policy.file') ??
            '../../policies/change-policy.yaml',
        );
        const requestsConfig = config.getOptionalConfig(
          'integratedOps.requests',
        );
        const service = new RequestService({
          store,
          applyLeaseMs:
            (requestsConfig?.getOptionalNumber('applyLeaseSeconds') ?? 120) *
            1000,
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
          }),
          publisher: deps.delivery.publisher,
          ownership: { catalog: deps.catalog, auth: deps.auth, policyFile },
        });

        // The integrated-ops lookup (the layer below) never calls this
        // plugin: it hears of each filed or changed request, and of the
        // re-certification report, by events; snapshots at start and on a
        // schedule bring a lookup that missed some up to date.
        const lookupEvents = new LookupEventsPublisher({
          events: deps.events,
          logger,
          list: filter => store.list(filter),
          recertifications: service.recertifications
            ? () => service.recertifications!.report()
            : undefined,
          snapshotMaxRequests: requestsConfig?.getOptionalNumber(
            'lookupSnapshotMaxRequests',
          ),
        });
        store.onChanged((request, readAt) =>
          lookupEvents.requestChanged(request, readAt),
        );
        deps.lifecycle.addShutdownHook(() => lookupEvents.stop());
        const publishSnapshot = async () => {
          const sent = await lookupEvents.publishSnapshot();
          logger.info(
            `Told the lookup: ${sent.requests} change requests, ` +
              `${sent.recertifications} re-certification declarations`,
          );
        };
        // Once every plugin started (the lookup subscribed), not awaited.
        deps.lifecycle.addStartupHook(() => {
          publishSnapshot().catch(error =>
            logger.warn(`Could not tell the lookup at start: ${error}`),
          );
        });
        await scheduler.scheduleTask({
          id: 'ops-requests-lookup-snapshot',
          scope: 'global',
          frequency: {
            minutes:
              requestsConfig?.getOptionalNumber('lookupSnapshotMinutes') ?? 60,
          },
          timeout: { minutes: 15 },
          initialDelay: { minutes: 5 },
          fn: publishSnapshot,
        });

        const recertifyAfterDays =
          requestsConfig?.getOptionalNumber('recertifyAfterDays') ?? 60;
        // Planned applies, and applies a replica died in the middle of;
        // each is claimed by one replica for the apply lease.
        await scheduler.scheduleTask({
          id: 'ops-requests-planned-apply',
          scope: 'global',
          frequency: {
            seconds:
              requestsConfig?.getOptionalNumber('applyCheckSeconds') ?? 60,
          },
          // A run killed with its replica holds the task until this timeout:
          // no longer than an apply lease.
          timeout: {
            seconds:
              requestsConfig?.getOptionalNumber('applyLeaseSeconds') ?? 120,
          },
          initialDelay: { seconds: 20 },
          fn: async () => {
            const applied = await service.applyDue();
            if (applied.length) {
              logger.info(`Applied as planned: ${applied.join(', ')}`);
            }
          },
        });
        // Global scope: one replica at a time; each transition is conditional anyway.
        await scheduler.scheduleTask({
          id: 'ops-requests-expiry',
          scope: 'global',
          frequency: {
            minutes:
              requestsConfig?.getOptionalNumber('expiryCheckMinutes') ?? 5,
          },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 30 },
          fn: async () => {
            const expired = [
              ...(await service.expireDue()),
              ...(await service.revokeUnreviewed()),
            ];
            const recertify = await service.requestRecertification(
              recertifyAfterDays,
            );
            const orphans = await service.sweepOrphanBranches();
            if (expired.length || recertify.length || orphans.length) {
              logger.info(
                `Expired or revoked: ${expired.join(', ') || 'none'}; ` +
                  `re-certification asked: ${
                    recertify.join(', ') || 'none'
                  }; ` +
                  `orphan branches deleted: ${orphans.join(', ') || 'none'}`,
              );
            }
          },
        });

        // Ownership re-certification: reads the whole catalog, so not often.
        await scheduler.scheduleTask({
          id: 'ops-requests-ownership-recertification',
          scope: 'global',
          frequency: {
            minutes:
              requestsConfig?.getOptionalNumber(
                'ownershipRecertificationCheckMinutes',
              ) ?? 60,
          },
          timeout: { minutes: 15 },
          initialDelay: { seconds: 40 },
          fn: async () => {
            const filed = (await service.recertifications?.fileDue()) ?? [];
            if (filed.length) {
              logger.info(
                `Ownership re-certification asked: ${filed.length} requests`,
              );
            }
          },
        });

        permissionsRegistry.addPermissions([
          opsRequestCreatePermission,
          opsRequestReadPermission,
        ]);
        permissionsRegistry.addResourceType({
          resourceRef: opsRequestResourceRef,
          permissions: [opsRequestDecidePermission],
          rules: opsRequestRules,
          getResources: async ids => {
            const found = await store.getMany(ids);
            return ids.map(id => {
              const request = found.find(r => r.id === id);
              return request && service.toResource(request);
            });
          },
        });
        deps.httpRouter.use(
          await createRequestsRouter({
            httpAuth: deps.httpAuth,
            userInfo: deps.userInfo,
            permissions: deps.permissions,
            permissionsRegistry,
            service,
            store,
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
              recertifyAfterDays,
              portalUrl: config.getOptionalString('app.baseUrl') ?? '',
            },
          }),
        );
      },
    });
  },
});
