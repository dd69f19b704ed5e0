/*
 * Browser and API end-to-end tests against the real portal: the built frontend
 * served by the real backend, once on the embedded SQLite default and once on
 * the local PostgreSQL (app-config.production.yaml). Chromium is Debian's.
 */
import { defineConfig } from '@playwright/test';
import { mkdirSync, mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';

const root = resolve(__dirname);
const yarn = `node ${join(root, '.yarn/releases/yarn-4.13.0.cjs')}`;
const sqlitePort = 7107;
const postgresPort = 7108;
const postgresPrefix = 'iop_e2e_';
// The local OpenID Connect provider the production-config backend signs in with.
const oidcPort = 7300;
const oidcClient = {
  OIDC_CLIENT_ID: 'integrated-ops-portal',
  OIDC_CLIENT_SECRET: 'e2e-oidc-secret',
};

// Backend output goes to e2e-logs/<name>.log (gitignored); portalw prints its
// tail when the browser tests fail.
const logDir = join(root, 'e2e-logs');
// Each backend's data directory (SQLite files, git repositories, registered
// catalog files) is fresh per run. The SQLite one is handed to the tests,
// which inspect the git commits the templates make. (Workers load this file
// again with the runner's environment, so they reuse the runner's choice.)
const sqliteDataDir = (process.env.PORTAL_E2E_SQLITE_DATA_DIR ??= mkdtempSync(
  join(tmpdir(), 'portal-e2e-'),
));
const postgresDataDir = (process.env.PORTAL_E2E_POSTGRES_DATA_DIR ??=
  mkdtempSync(join(tmpdir(), 'portal-e2e-pg-')));
mkdirSync(logDir, { recursive: true });
const backend = (name: string, configs: string[]) =>
  `${yarn} workspace backend start ${configs
    .map(c => `--config ${join(root, c)}`)
    .join(' ')} > ${join(logDir, `${name}.log`)} 2>&1`;

export default defineConfig({
  testDir: './e2e/tests',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
    // Read by e2e/failureSummary.mjs when the run fails.
    ['json', { outputFile: join(logDir, 'results.json') }],
  ],
  outputDir: 'node_modules/.cache/e2e-test-results',
  use: {
    // Every test's last screen, in the HTML report (e2e-test-report/),
    // besides the named screenshots the specs write to e2e-screenshots/.
    screenshot: 'on',
    launchOptions: {
      executablePath: process.env.PORTAL_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: [
    {
      command: `node e2e/oidc/identityProvider.mjs > ${join(
        logDir,
        'identity-provider.log',
      )} 2>&1`,
      url: `http://localhost:${oidcPort}/.well-known/openid-configuration`,
      env: {
        ...oidcClient,
        OIDC_PORT: String(oidcPort),
        OIDC_REDIRECT_URI: `http://localhost:${postgresPort}/api/auth/oidc/handler/frame`,
      },
      timeout: 30_000,
      reuseExistingServer: false,
    },
    {
      command: backend('sqlite', [
        'app-config.yaml',
        'e2e/app-config.e2e.yaml',
      ]),
      url: `http://localhost:${sqlitePort}/.backstage/health/v1/readiness`,
      env: {
        PORTAL_E2E_PORT: String(sqlitePort),
        PORTAL_DATA_DIR: sqliteDataDir,
      },
      timeout: 180_000,
      reuseExistingServer: false,
    },
    {
      command: `node e2e/reset-postgres.mjs ${postgresPrefix} && ${backend(
        'postgres',
        [
          'app-config.yaml',
          'app-config.production.yaml',
          'e2e/app-config.e2e.yaml',
        ],
      )}`,
      url: `http://localhost:${postgresPort}/.backstage/health/v1/readiness`,
      env: {
        PORTAL_E2E_PORT: String(postgresPort),
        PORTAL_ALLOW_GUEST: 'true',
        ...oidcClient,
        AUTH_SESSION_SECRET: 'e2e-only-session-secret',
        // app-config.e2e.yaml's token list replaces production's.
        ALERTMANAGER_TOKEN: 'e2e-unused-alertmanager-token-0123456789',
        OIDC_METADATA_URL: `http://localhost:${oidcPort}/.well-known/openid-configuration`,
        PORTAL_DATA_DIR: postgresDataDir,
        POSTGRES_HOST: process.env.PGHOST ?? '127.0.0.1',
        POSTGRES_PORT: process.env.PGPORT ?? '5432',
        POSTGRES_USER: process.env.PGUSER ?? 'postgres',
        POSTGRES_DB_PREFIX: postgresPrefix,
        PGHOST: process.env.PGHOST ?? '127.0.0.1',
        PGPORT: process.env.PGPORT ?? '5432',
        PGUSER: process.env.PGUSER ?? 'postgres',
      },
      timeout: 180_000,
      reuseExistingServer: false,
    },
  ],
  projects: [
    {
      name: 'sqlite',
      testIgnore: /.*\.production\.spec\.ts/,
      use: { baseURL: `http://localhost:${sqlitePort}` },
    },
    {
      name: 'postgres',
      // API tests, and the browser tests of production sign-in.
      testMatch: /.*\.(api|production)\.spec\.ts/,
      use: { baseURL: `http://localhost:${postgresPort}` },
    },
  ],
});
