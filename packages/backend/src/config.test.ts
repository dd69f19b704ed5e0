import { ConfigReader } from '@backstage/config';
import { readHttpServerOptions } from '@backstage/backend-defaults/rootHttpRouter';
import { readFileSync } from 'fs';
import { resolve } from 'path';
import { parse } from 'yaml';

const root = resolve(__dirname, '../../..');
const load = (...files: string[]) =>
  ConfigReader.fromConfigs(
    files.map(file => ({
      context: file,
      data: parse(readFileSync(resolve(root, file), 'utf8')),
    })),
  );

describe('the portal configuration', () => {
  it('serves the embedded default (guest and sample-user sign-in) on loopback only', () => {
    const config = load('app-config.yaml');
    expect(readHttpServerOptions(config.getConfig('backend')).listen).toEqual({
      host: '127.0.0.1',
      port: 7007,
    });
    expect(config.getString('auth.environment')).toBe('development');
  });

  it('listens on every interface in production, with sample sign-in off and no stack traces', () => {
    const config = load('app-config.yaml', 'app-config.production.yaml');
    expect(readHttpServerOptions(config.getConfig('backend')).listen).toEqual({
      host: '0.0.0.0',
      port: 7007,
    });
    expect(config.getString('auth.environment')).toBe('production');
    expect(config.getBoolean('integratedOps.httpErrors.showStackTraces')).toBe(
      false,
    );
  });

  it("gives Alertmanager's token in production the alert permission and nothing else", () => {
    const config = load('app-config.yaml', 'app-config.production.yaml');
    const access = config.getConfigArray('backend.auth.externalAccess');
    expect(access.map(a => a.get())).toEqual([
      {
        type: 'static',
        options: { token: '${ALERTMANAGER_TOKEN}', subject: 'alertmanager' },
        accessRestrictions: [
          {
            plugin: 'integrated-ops',
            permission: 'integrated-ops.alert.create',
          },
        ],
      },
    ]);
  });

  it('keeps change requests in the database they were filed in, and never shares one between plugins', () => {
    const embedded = load('app-config.yaml');
    const sqliteFile = (pluginId: string) =>
      embedded.getOptionalString(
        `backend.database.plugin.${pluginId}.connection.filename`,
      ) ?? `${pluginId}.sqlite`;
    expect(sqliteFile('ops-requests')).toBe('integrated-ops.sqlite');
    expect(sqliteFile('integrated-ops')).not.toBe('integrated-ops.sqlite');

    const production = load('app-config.yaml', 'app-config.production.yaml');
    const pgDatabase = (pluginId: string) =>
      production.getOptionalString(
        `backend.database.plugin.${pluginId}.connection.database`,
      ) ?? `\${POSTGRES_DB_PREFIX:-backstage_plugin_}${pluginId}`;
    expect(pgDatabase('ops-requests')).toBe(
      '${POSTGRES_DB_PREFIX:-backstage_plugin_}integrated-ops',
    );
    expect(pgDatabase('integrated-ops')).not.toBe(pgDatabase('ops-requests'));
  });
});
