import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { hostname } from 'node:os';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  integratedOpsPermissions,
  OPS_FACTS_CHANGED_TOPIC,
  readOpsFactsChanged,
} from '@integrated-ops/plugin-integrated-ops-common';
import {
  AlertForwarder,
  OnCallProvider,
  onCallProvidersExtensionPoint,
  Pager,
} from '@integrated-ops/plugin-integrated-ops-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AlertDelivery } from './alerts/AlertDelivery';
import { AlertDeliveryQueue } from './alerts/AlertDeliveryQueue';
import { readAlertsConfig } from './alerts/alertsConfig';
import { UnroutedAlertStore } from './alerts/UnroutedAlertStore';
import { ProviderOnCallCache } from './onCall/ProviderOnCallCache';
import { registerLookupActions } from './actions/registerLookupActions';
import { createRouter } from './router/createRouter';
import { CatalogEntityMirror } from './service/CatalogEntityMirror';
import { EntityChangeFollower } from './service/EntityChangeFollower';
import { OwnershipIndexService } from './service/OwnershipIndexService';
import { migratedDatabase } from './database/migrateDatabase';
import { LookupOutcomes } from './kpis/LookupOutcomes';
import {
  catalogOwnershipClaimsServiceRef,
  DatabaseWatch,
} from '@integrated-ops/plugin-integrated-ops-node';
import { catalogOwnershipOf } from './service/catalogOwnershipOf';
import { recordedChanges } from './history/changesOnRecord';
import { recordedRecertifications } from './drift/recertificationsSource';
import { OpsRequestsRecords } from './opsRequests/OpsRequestsRecords';
import { OwnershipHistoryRecorder } from './history/OwnershipHistoryRecorder';
import { OwnershipHistoryStore } from './history/OwnershipHistoryStore';
import { opsAlertCreatePermission } from './permissions/alertPermission';
import { PageStore } from './paging/PageStore';
import { IncidentStore } from './incidents/IncidentStore';
import { IncidentService } from './incidents/IncidentService';
import { sampleAlertsPlayer } from './samples/startSampleAlerts';
import { PagingService } from './paging/PagingService';

/** Incidents are kept 400 days: a year of response figures, and the weeks before. */
const INCIDENT_RETENTION_MS = 400 * 86_400_000;

/**
 * The integrated-ops backend: incident lookup, blast radius and coverage from
 * an in-memory ownership index kept fresh from the catalog, over HTTP and as
 * MCP actions; alerts routed to the owning discipline's on-call. Its
 * database holds the ownership history, the alerts no owner was found for,
 * the incidents of routed alerts (response times per team) and what the ops-requests plugin announced on the events service; the
 * index is in memory. (Change requests are the ops-requests plugin's: it
 * builds on this one, which never calls it.)
 *
 * @public
 */
export const integratedOpsPlugin = createBackendPlugin({
  pluginId: 'integrated-ops',
  register(env) {
    const providers: OnCallProvider[] = [];
    const forwarders: AlertForwarder[] = [];
    const pagers: Pager[] = [];
    env.registerExtensionPoint(onCallProvidersExtensionPoint, {
      addProvider(...added) {
        for (const provider of added) {
          if (
            provider.id === 'yaml' ||
            providers.some(p => p.id === provider.id)
          ) {
            throw new Error(
              `On-call provider "${provider.id}" is already installed`,
            );
          }
          providers.push(provider);
        }
      },
      addAlertForwarder(...added) {
        forwarders.push(...added);
      },
      addPager(...added) {
        pagers.push(...added);
      },
    });
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        discovery: coreServices.discovery,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        database: coreServices.database,
        notifications: notificationService,
        events: eventsServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        ownershipClaims: catalogOwnershipClaimsServiceRef,
      },
      async init({
        httpRouter,
        httpAuth,
        auth,
        permissions,
        permissionsRegistry,
        logger,
        scheduler,
        lifecycle,
        discovery,
        config,
        catalog,
        database,
        notifications,
        events,
        actionsRegistry,
        ownershipClaims,
      }) {
        const refreshSeconds =
          config.getOptionalNumber('integratedOps.lookup.refreshSeconds') ?? 30;
        const db = await migratedDatabase(database);
        const mirror = new CatalogEntityMirror(catalog, auth);
        // Every change of typed owners and teams, recorded once across
        // replicas, for "who owned it at 02:13".
        const historyStore = new OwnershipHistoryStore(db);
        const recorder = new OwnershipHistoryRecorder(historyStore, logger);
        // Probed every 5 s off the request path: while the database is
        // unreachable, answers from the in-memory index say they are degraded.
        const databaseWatch = DatabaseWatch.of(db);
        lifecycle.addShutdownHook(databaseWatch.start(5000));
        const indexService = new OwnershipIndexService({
          sync: () => mirror.sync(),
          logger,
          staleAfterMs: refreshSeconds * 3 * 1000,
          onIndexed: changes => void recorder.record(changes),
          database: databaseWatch,
        });
        // Users' groups from the index, for permission checks while the
        // auth backend's database is down (lastKnownUserInfoServiceFactory).
        ownershipClaims.setSource(ref => catalogOwnershipOf(indexService, ref));
        const retentionDays =
          config.getOptionalNumber('integratedOps.history.retentionDays') ??
          400;
        await scheduler.scheduleTask({
          id: 'integrated-ops-history-prune',
          frequency: { hours: 24 },
          timeout: { minutes: 15 },
          fn: async () => {
            const before = new Date(Date.now() - retentionDays * 86400_000);
            const pruned = await historyStore.prune(before.toISOString());
            if (pruned) {
              logger.info(`Ownership history: ${pruned} entries pruned`);
            }
          },
        });

        // Entities the catalog module announces as changed are read again as
        // soon as the catalog serves them. Each replica keeps its own index,
        // so each needs every event: the subscription is per replica (the
        // events bus hands an event to one subscriber of a given id).
        const follower = new EntityChangeFollower({
          patch: refs => indexService.patch(() => mirror.refetch(refs)),
          relist: () => indexService.refresh(),
          logger,
          followMs:
            (config.getOptionalNumber('integratedOps.lookup.followSeconds') ??
              30) * 1000,
        });
        lifecycle.addShutdownHook(() => follower.stop());
        const replica =
          config.getOptionalString('integratedOps.lookup.replicaId') ??
          hostname();
        await events.subscribe({
          id: `index-freshness.${replica}`,
          topics: [OPS_FACTS_CHANGED_TOPIC],
          onEvent: async ({ eventPayload }) =>
            follower.follow(readOpsFactsChanged(eventPayload)),
        });

        // Vendor on-call (PagerDuty, Opsgenie modules): fetched on a schedule
        // on each replica, never on a request.
        const onCallCache = new ProviderOnCallCache({
          providers,
          logger,
          timeoutMs:
            (config.getOptionalNumber('integratedOps.onCall.timeoutSeconds') ??
              5) * 1000,
        });
        // The periodic listing is the safety net (deletions, missed events);
        // it runs locally on each replica.
        await scheduler.scheduleTask({
          id: 'integrated-ops-index-refresh',
          scope: 'local',
          frequency: { seconds: refreshSeconds },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 0 },
          fn: async () => {
            await indexService.refresh();
            // Vendor on-call as soon as the first index has teams, not a TTL later.
            if (onCallCache.enabled && !onCallCache.primed) {
              await onCallCache.refresh(indexService.current());
            }
          },
        });

        if (onCallCache.enabled) {
          await scheduler.scheduleTask({
            id: 'integrated-ops-on-call-refresh',
            scope: 'local',
            frequency: {
              seconds:
                config.getOptionalNumber('integratedOps.onCall.ttlSeconds') ??
                60,
            },
            timeout: { minutes: 2 },
            initialDelay: { seconds: 1 },
            fn: () => onCallCache.refresh(indexService.current()),
          });
        }

        // What ops-requests (the layer above) announces: its change requests
        // and re-certification status, recorded here and answered from here.
        // Dependencies run one way: this plugin never calls ops-requests.
        const opsRequests = new OpsRequestsRecords(db, logger);
        await opsRequests.subscribe(events);

        permissionsRegistry.addPermissions([
          ...integratedOpsPermissions,
          opsAlertCreatePermission,
        ]);
        const answerOptions = {
          noOwnerEscalation: config.getOptionalString(
            'integratedOps.lookup.noOwnerEscalation',
          ),
          providers: onCallCache,
        };
        const history = {
          store: historyStore,
          changes: recordedChanges({ store: opsRequests.changes, permissions }),
        };
        // Alerts from Alertmanager (or anything posting { labels, annotations }).
        const alertsConfig = readAlertsConfig(config);
        registerLookupActions(
          actionsRegistry,
          indexService,
          permissions,
          answerOptions,
          history,
          { alertSenders: alertsConfig.senders },
        );
        const unrouted = new UnroutedAlertStore(db);
        // Lookups that found no owner, counted in memory, added every minute.
        const lookupOutcomes = new LookupOutcomes(db);
        await scheduler.scheduleTask({
          id: 'integrated-ops-lookup-outcomes-flush',
          scope: 'local',
          frequency: { minutes: 1 },
          timeout: { minutes: 1 },
          fn: () => lookupOutcomes.flush(),
        });
        lifecycle.addShutdownHook(() => lookupOutcomes.flush());
        await scheduler.scheduleTask({
          id: 'integrated-ops-unrouted-alerts-prune',
          frequency: { hours: 6 },
          timeout: { minutes: 5 },
          fn: async () => void (await unrouted.prune(new Date())),
        });
        // Every routed alert as an incident, for response times per team.
        const incidentStore = new IncidentStore(db);
        const incidents = new IncidentService({
          store: incidentStore,
          logger,
          providers: answerOptions.providers,
        });
        await scheduler.scheduleTask({
          id: 'integrated-ops-incidents-prune',
          frequency: { hours: 24 },
          timeout: { minutes: 5 },
          fn: async () =>
            void (await incidentStore.prune(
              new Date(Date.now() - INCIDENT_RETENTION_MS).toISOString(),
            )),
        });
        // The sample estate's alerts of a bad night (catalog/sample-alerts).
        const playSamples = await sampleAlertsPlayer(config, {
          discovery,
          logger,
          indexService,
          incidents,
          incidentStore,
          providers: answerOptions.providers,
        });
        if (playSamples) {
          // Once listening; not awaited: the catalog may take a while.
          lifecycle.addStartupHook(() => {
            playSamples().catch(error =>
              logger.warn(`Sample alerts not played: ${error}`),
            );
          });
        }
        const delivery = new AlertDelivery({
          notifications,
          forwarders,
          store: unrouted,
          config: alertsConfig,
          logger,
          incidents,
          queue: new AlertDeliveryQueue(db),
        });
        // Deliveries a stopped replica left in the queue: sent once their
        // claim lapses, by whichever replica runs the sweep.
        await scheduler.scheduleTask({
          id: 'integrated-ops-alert-deliveries',
          frequency: { seconds: 30 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 30 },
          fn: async () => {
            if (!indexService.status().builtAt) return; // not built yet
            await delivery.deliverQueued(indexService.current());
          },
        });

        // Paging from a lookup answer: the team's vendor service when a
        // pager module is installed, a portal notification always.
        const pagingConfig = config.getOptionalConfig('integratedOps.paging');
        const paging = new PagingService({
          store: new PageStore(db),
          pagers,
          notifications,
          logger,
          answerOptions,
          appBaseUrl: config.getOptionalString('app.baseUrl') ?? '',
          checkEveryMs:
            (pagingConfig?.getOptionalNumber('vendorCheckSeconds') ?? 10) *
            1000,
          limits: {
            maxPerUserPerHour:
              pagingConfig?.getOptionalNumber('maxPerUserPerHour') ?? 10,
            repageAfterMs:
              (pagingConfig?.getOptionalNumber('repageAfterMinutes') ?? 5) *
              60_000,
          },
        });

        httpRouter.use(
          await createRouter({
            paging,
            incidents,
            httpAuth,
            permissions,
            indexService,
            answerOptions,
            logger,
            history,
            lookupOutcomes,
            recertifications: recordedRecertifications({
              store: opsRequests.recertifications,
              permissions,
            }),
            alerts: {
              delivery,
              store: unrouted,
              senders: alertsConfig.senders,
            },
          }),
        );
      },
    });
  },
});
