import { ConfigReader } from '@backstage/config';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  missingSettings,
  requiredSettingsServiceFactory,
} from './requiredSettings';
import { readFileSync } from 'fs';
import { resolve } from 'path';
import { parse } from 'yaml';

const production = parse(
  readFileSync(
    resolve(__dirname, '../../../app-config.production.yaml'),
    'utf8',
  ),
);
const required = production.integratedOps.requiredSettings;

describe('required settings', () => {
  it('production requires the identity provider, the session secret and the database', () => {
    expect(
      [...new Set(required.map((s: { env: string }) => s.env))].sort(),
    ).toEqual([
      'ALERTMANAGER_TOKEN',
      'AUTH_SESSION_SECRET',
      'OIDC_CLIENT_ID',
      'OIDC_CLIENT_SECRET',
      'OIDC_METADATA_URL',
      'PORTAL_BASE_URL',
      'POSTGRES_HOST',
      'POSTGRES_PORT',
      'POSTGRES_USER',
    ]);
    // No development value behind any of them.
    const text = readFileSync(
      resolve(__dirname, '../../../app-config.production.yaml'),
      'utf8',
    );
    for (const { env } of required) {
      expect(text).toContain(`\${${env}}`);
      expect(text).not.toContain(`\${${env}:-`);
    }
  });

  it('names each missing or empty setting with its variable', () => {
    const config = new ConfigReader({
      integratedOps: { requiredSettings: required },
      auth: {
        session: { secret: '' },
        providers: { oidc: { production: { clientId: 'portal' } } },
      },
      backend: { database: { connection: { host: 'db', port: 5432 } } },
    });
    expect(missingSettings(config)).toEqual([
      'auth.providers.oidc.production.metadataUrl (OIDC_METADATA_URL)',
      'auth.providers.oidc.production.clientSecret (OIDC_CLIENT_SECRET)',
      'auth.session.secret (AUTH_SESSION_SECRET)',
      'backend.database.connection.user (POSTGRES_USER)',
      'app.baseUrl (PORTAL_BASE_URL)',
      'backend.baseUrl (PORTAL_BASE_URL)',
      'backend.auth.externalAccess[0].options.token (ALERTMANAGER_TOKEN)',
    ]);
    // An array item's field is found (and counts as given).
    expect(
      missingSettings(
        new ConfigReader({
          integratedOps: {
            requiredSettings: [
              {
                key: 'backend.auth.externalAccess[0].options.token',
                env: 'ALERTMANAGER_TOKEN',
              },
            ],
          },
          backend: {
            auth: { externalAccess: [{ options: { token: 'abc' } }] },
          },
        }),
      ),
    ).toEqual([]);
  });

  it('stops the backend at startup, naming them; starts it when all are given', async () => {
    const backend = (data: object) =>
      startTestBackend({
        features: [
          requiredSettingsServiceFactory,
          mockServices.rootConfig.factory({
            data: { ...data, integratedOps: { requiredSettings: required } },
          }),
        ],
      });
    await expect(backend({})).rejects.toThrow(
      /Missing required settings, set them before starting: auth\.providers\.oidc\.production\.metadataUrl \(OIDC_METADATA_URL\), .*backend\.auth\.externalAccess\[0\]\.options\.token \(ALERTMANAGER_TOKEN\)$/,
    );
    const started = await backend({
      auth: {
        session: { secret: 's' },
        providers: {
          oidc: {
            production: {
              metadataUrl: 'https://idp',
              clientId: 'c',
              clientSecret: 's',
            },
          },
        },
      },
      app: { baseUrl: 'https://portal' },
      backend: {
        baseUrl: 'https://portal',
        database: { connection: { host: 'db', port: 5432, user: 'u' } },
        auth: {
          externalAccess: [{ options: { token: 'alertmanager-token' } }],
        },
      },
    });
    await started.stop();
  });
});
