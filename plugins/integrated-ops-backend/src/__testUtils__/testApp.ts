import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import express from 'express';
import knex from 'knex';
import { AlertDelivery } from '../alerts/AlertDelivery';
import { readAlertsConfig } from '../alerts/alertsConfig';
import {
  MIGRATIONS_DIR,
  UnroutedAlertStore,
} from '../alerts/UnroutedAlertStore';
import { OwnershipIndexService } from '../service/OwnershipIndexService';
import { testCatalog } from '../__testUtils__/testCatalog';
import { wholeCatalog } from './wholeCatalog';
import { createRouter } from '../router/createRouter';

/**
 * The router over an index of the test catalog, as an express app with
 * Backstage's error handling. Unauthenticated requests get no credentials;
 * send `asUser` headers to be a signed-in user. The clock is fixed.
 */
export async function testApp(
  options: {
    permissions?: ReturnType<typeof mockServices.permissions.mock>;
    /** Serve the alert routes too, on an in-memory SQLite store; sent notifications land here. */
    alertNotifications?: unknown[];
  } = {},
) {
  const indexService = new OwnershipIndexService({
    sync: async () => wholeCatalog(testCatalog),
    logger: mockServices.logger.mock(),
    staleAfterMs: 60_000,
  });
  await indexService.refresh();
  const alerts = options.alertNotifications
    ? await alertsOnSqlite(options.alertNotifications)
    : undefined;
  const router = await createRouter({
    httpAuth: mockServices.httpAuth({
      defaultCredentials: mockCredentials.none(),
    }),
    permissions: options.permissions ?? mockServices.permissions(),
    indexService,
    now: () => new Date('2026-01-07T12:00:00Z'),
    alerts,
  });
  const app = express().use(router).use(mockErrorHandler());
  // Closes the alert store's database, when there is one.
  app.locals.close = async () => alerts?.close();
  return app;
}

async function alertsOnSqlite(sent: unknown[]) {
  const db = knex({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  await db.migrate.latest({ directory: MIGRATIONS_DIR });
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
  });
  return {
    delivery,
    store,
    senders: ['alertmanager'],
    close: () => db.destroy(),
  };
}

/** An external-access token of the subject the alert route expects. */
export const asAlertmanager = {
  Authorization: mockCredentials.service.header({
    onBehalfOf: mockCredentials.service('alertmanager'),
    targetPluginId: 'integrated-ops',
  }),
};

export const asUser = { Authorization: mockCredentials.user.header() };
