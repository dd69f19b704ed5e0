import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import express from 'express';
import knex, { Knex } from 'knex';
import { AlertDelivery } from '../alerts/AlertDelivery';
import { readAlertsConfig } from '../alerts/alertsConfig';
import { UnroutedAlertStore } from '../alerts/UnroutedAlertStore';
import { MIGRATIONS_DIR } from '../database/migrateDatabase';
import { OwnershipIndexService } from '../service/OwnershipIndexService';
import { ChangesOnRecord } from '../history/changesOnRecord';
import { RecertificationsSource } from '../drift/recertificationsSource';
import { LookupOutcomes } from '../kpis/LookupOutcomes';
import { OwnershipHistoryRecorder } from '../history/OwnershipHistoryRecorder';
import { OwnershipHistoryStore } from '../history/OwnershipHistoryStore';
import { testCatalog } from '../__testUtils__/testCatalog';
import { wholeCatalog } from './wholeCatalog';
import { createRouter } from '../router/createRouter';
import { PageStore } from '../paging/PageStore';
import { IncidentService } from '../incidents/IncidentService';
import { IncidentStore } from '../incidents/IncidentStore';
import { PagingService } from '../paging/PagingService';

/** Every test app's database, closed after the test file's tests. */
const open: Knex[] = [];
afterAll(async () => {
  await Promise.all(open.splice(0).map(db => db.destroy()));
});

/** When the test app's index was built: its ownership history starts then. */
export const INDEX_BUILT_AT = '2026-01-07T11:00:00.000Z';

/**
 * The router over an index of the test catalog, as an express app with
 * Backstage's error handling. Unauthenticated requests get no credentials;
 * send `asUser` headers to be a signed-in user. The clock is fixed.
 */
export async function testApp(
  options: {
    permissions?: ReturnType<typeof mockServices.permissions.mock>;
    /** Serve the alert routes too; sent notifications land here. */
    alertNotifications?: unknown[];
    /** Change requests the as-of answers list. */
    changes?: ChangesOnRecord;
    /** Where ownership re-certification stands, for the coverage drift. */
    recertifications?: RecertificationsSource;
    /** The catalog the index is built from; default the test catalog. */
    catalog?: Entity[];
  } = {},
) {
  // One in-memory SQLite database for the plugin's stores.
  const db = knex({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  open.push(db);
  await db.migrate.latest({ directory: MIGRATIONS_DIR });
  const historyStore = new OwnershipHistoryStore(db);
  const recorder = new OwnershipHistoryRecorder(
    historyStore,
    mockServices.logger.mock(),
  );
  const indexService = new OwnershipIndexService({
    sync: async () => wholeCatalog(options.catalog ?? testCatalog),
    logger: mockServices.logger.mock(),
    staleAfterMs: 60_000,
    // The history starts when the index was first built.
    now: () => new Date(INDEX_BUILT_AT),
    onIndexed: changes => void recorder.record(changes),
  });
  await indexService.refresh();
  await recorder.settled();
  const incidents = new IncidentService({
    store: new IncidentStore(db),
    logger: mockServices.logger.mock(),
  });
  const alerts = options.alertNotifications
    ? alertsOn(db, options.alertNotifications, incidents)
    : undefined;
  const lookupOutcomes = new LookupOutcomes(db);
  const paging = new PagingService({
    store: new PageStore(db),
    pagers: [],
    notifications: { send: async () => undefined },
    logger: mockServices.logger.mock(),
    answerOptions: {},
    appBaseUrl: 'http://localhost:3000',
    limits: { maxPerUserPerHour: 10, repageAfterMs: 300_000 },
  });
  const router = await createRouter({
    httpAuth: mockServices.httpAuth({
      // Service tokens are issued for this plugin (see asAlertmanager).
      pluginId: 'integrated-ops',
      defaultCredentials: mockCredentials.none(),
    }),
    permissions: options.permissions ?? mockServices.permissions(),
    indexService,
    now: () => new Date('2026-01-07T12:00:00Z'),
    alerts,
    history: { store: historyStore, changes: options.changes },
    recertifications: options.recertifications,
    lookupOutcomes,
    paging,
    incidents,
  });
  const app = express().use(router).use(mockErrorHandler());
  app.locals.lookupOutcomes = lookupOutcomes;
  return app;
}

function alertsOn(db: Knex, sent: unknown[], incidents: IncidentService) {
  const store = new UnroutedAlertStore(db);
  const delivery = new AlertDelivery({
    notifications: { send: async n => void sent.push(n) },
    forwarders: [],
    store,
    config: readAlertsConfig(
      new ConfigReader({
        integratedOps: { alerts: { fallbackTeam: 'group:default/netops' } },
      }),
    ),
    logger: mockServices.logger.mock(),
    incidents,
  });
  return { delivery, store, senders: ['alertmanager'] };
}

/** An external-access token of the subject the alert route expects. */
export const asAlertmanager = {
  Authorization: mockCredentials.service.header({
    onBehalfOf: mockCredentials.service('alertmanager'),
    targetPluginId: 'integrated-ops',
  }),
};

export const asUser = { Authorization: mockCredentials.user.header() };

/** Another plugin of the portal calling as itself (ops-requests asks who is on call). */
export const asPlugin = (pluginId: string) => ({
  Authorization: mockCredentials.service.header({
    onBehalfOf: mockCredentials.service(`plugin:${pluginId}`),
    targetPluginId: 'integrated-ops',
  }),
});
