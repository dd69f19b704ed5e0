import { componentFacts } from './facts/componentFacts';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { registerFindingsAction } from './actions/registerFindingsAction';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  FINDINGS_CHANGED_TOPIC,
  RISK_ACCEPTANCE_TOPIC,
  RiskAcceptanceEvent,
} from '@integrated-ops/plugin-security-findings-common';
import { RiskAcceptances } from './acceptance/RiskAcceptances';
import {
  FindingsSource,
  securityFindingsSourcesExtensionPoint,
} from '@integrated-ops/plugin-security-findings-node';
import { pullSources } from './sources/pullSources';
import { BreachNotifier } from './breaches/BreachNotifier';
import { lookupTeamOnCall } from './breaches/lookupTeamOnCall';
import { rerouteOpenFindings } from './breaches/rerouteOpenFindings';
import { catalogRecipients } from './breaches/catalogRecipients';
import { readSecurityFindingsOptions } from './options';
import {
  postSampleReports,
  readSampleManifest,
} from './samples/postSampleReports';
import { createFindingsRouter } from './router/createFindingsRouter';
import { FindingService } from './service/FindingService';
import { FindingsOverview } from './overview/FindingsOverview';
import { FindingsKpis } from './overview/FindingsKpis';
import { FindingStore } from './service/FindingStore';

const BREACH_TASK = 'security-findings-breach-check';

/** The catalog page of an entity, as the portal's links name it. */
export function entityPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${namespace}/${kind.toLocaleLowerCase('en-US')}/${name}`;
}

/**
 * Security findings: scanner reports posted by the service principals
 * listed in `integratedOps.securityFindings.reporters`, applied whole per
 * component and tool, each finding routed to its discipline's owner with
 * its SLA due date; a component's open findings for those who may read it;
 * each SLA breach told once to the owning team and its on-call, then
 * escalated to the SOC tier the policy names; open findings follow their
 * component's owners in the catalog.
 *
 * @public
 */
export const securityFindingsPlugin = createBackendPlugin({
  pluginId: 'security-findings',
  register(env) {
    const sources: FindingsSource[] = [];
    env.registerExtensionPoint(securityFindingsSourcesExtensionPoint, {
      addSource(source) {
        sources.push(source);
      },
    });
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        database: coreServices.database,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        notifications: notificationService,
        events: eventsServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const options = readSecurityFindingsOptions(deps.config);
        const store = await FindingStore.create(deps.database);
        const breaches = new BreachNotifier({
          db: store.db,
          notifications: deps.notifications,
          onCall: lookupTeamOnCall(deps),
          sla: options.sla,
          logger: deps.logger,
          entityPath,
          graceMinutes: options.breachCheckMinutes,
          unknownRecipients: catalogRecipients(deps),
        });
        // Readers of the figures (the scorecards' facts) read them again.
        const findingsChanged = (entityRefs: string[]) =>
          void deps.events
            .publish({
              topic: FINDINGS_CHANGED_TOPIC,
              eventPayload: { entityRefs },
            })
            .catch(error =>
              deps.logger.warn(`Findings change not announced: ${error}`),
            );
        // Only applied risk-acceptance change requests accept a finding's risk.
        const acceptances = new RiskAcceptances({
          db: store.db,
          logger: deps.logger,
        });
        await deps.events.subscribe({
          id: 'security-findings-risk-acceptances',
          topics: [RISK_ACCEPTANCE_TOPIC],
          onEvent: async ({ eventPayload }) => {
            const changes = (eventPayload as RiskAcceptanceEvent)?.changes;
            if (Array.isArray(changes)) {
              await acceptances.apply(changes);
              findingsChanged(changes.map(c => c.entityRef));
            }
          },
        });
        await deps.scheduler.scheduleTask({
          id: BREACH_TASK,
          frequency: { minutes: options.breachCheckMinutes },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 30 },
          fn: async () => {
            // Acceptances past their date end (the clock restarts) first.
            await acceptances.endExpired();
            // The catalog names the owners now, then their breaches are
            // told (with the owners on file when the catalog cannot answer).
            const moved = await rerouteOpenFindings({
              db: store.db,
              catalog: deps.catalog,
              auth: deps.auth,
            }).catch(error => {
              deps.logger.warn(`Owners not re-read from the catalog: ${error}`);
              return 0;
            });
            if (moved) {
              deps.logger.info(
                `Open findings moved to their owners of now: ${moved} (component, discipline) groups`,
              );
            }
            const told = await breaches.run();
            if (told.notified || told.escalated) {
              deps.logger.info(
                `SLA breaches told: ${told.notified} to their owners, ${told.escalated} escalated`,
              );
            }
          },
        });
        const service = new FindingService({
          store,
          catalog: deps.catalog,
          auth: deps.auth,
          options,
          // A report that brought a finding already past due is told at once.
          onBreachedIngest: () =>
            deps.scheduler.triggerTask(BREACH_TASK).catch(() => {}),
          onFindingsChanged: ref => findingsChanged([ref]),
        });
        registerFindingsAction(deps.actionsRegistry, service);
        if (sources.length) {
          await deps.scheduler.scheduleTask({
            id: 'security-findings-pull',
            frequency: { minutes: options.pullMinutes },
            timeout: { minutes: 30 },
            initialDelay: { minutes: 1 },
            fn: async () => {
              const pulled = await pullSources({
                sources,
                catalog: deps.catalog,
                auth: deps.auth,
                service,
                logger: deps.logger,
              });
              deps.logger.info(
                `Findings pulled: ${pulled.reports} reports of ${pulled.components} components (${pulled.failed} failed)`,
              );
            },
          });
        }
        deps.httpRouter.use(
          await createFindingsRouter({
            httpAuth: deps.httpAuth,
            service,
            overview: new FindingsOverview({
              db: store.db,
              catalog: deps.catalog,
            }),
            kpis: new FindingsKpis({ db: store.db, catalog: deps.catalog }),
            reporters: options.reporters,
            factReaders: options.factReaders,
            facts: async () => {
              const now = new Date();
              return {
                generatedAt: now.toISOString(),
                ...(await componentFacts(store.db, now)),
              };
            },
            maxReportMegabytes: options.maxReportMegabytes,
          }),
        );
        if (options.sampleReports) {
          const { dir, token } = options.sampleReports;
          const reports = await readSampleManifest(dir);
          // Once listening; not awaited: the catalog may take a while.
          deps.lifecycle.addStartupHook(async () => {
            const baseUrl = await deps.discovery.getBaseUrl(
              'security-findings',
            );
            postSampleReports({
              dir,
              token,
              reports,
              baseUrl,
              logger: deps.logger,
            })
              .then(n =>
                deps.logger.info(
                  `Sample reports: ${n} of ${reports.length} applied`,
                ),
              )
              .catch(error =>
                deps.logger.warn(`Sample reports not posted: ${error}`),
              );
          });
        }
      },
    });
  },
});
