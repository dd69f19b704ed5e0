/*
 * The GitHub module against a local server implementing exactly GitHub's
 * documented code scanning and Dependabot alert endpoints (see
 * __testUtils__/githubApi.ts), inside a test backend with the
 * security-findings plugin: pulled on the plugin's schedule, applied as
 * each tool's full report, routed and given due dates.
 */
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import securityFindingsPlugin from '@integrated-ops/plugin-security-findings-backend';
import request from 'supertest';
import {
  codeScanningAlert,
  dependabotAlert,
  GithubRepos,
  startGithubApi,
  TOKEN,
} from './__testUtils__/githubApi';
import { securityFindingsModuleGithub } from './module';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const component = (name: string, slug?: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    ...(slug ? { annotations: { 'github.com/project-slug': slug } } : {}),
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team' },
  relations: [
    { type: 'devopsOwnedBy', targetRef: 'group:default/payments-sre' },
    { type: 'secopsOwnedBy', targetRef: 'group:default/soc-t1' },
  ],
});

async function start(repos: GithubRepos) {
  const github = await startGithubApi(repos);
  const hooks: { scheduler?: SchedulerService } = {};
  const backend = await startTestBackend({
    features: [
      securityFindingsPlugin,
      securityFindingsModuleGithub,
      createBackendModule({
        pluginId: 'security-findings',
        moduleId: 'test-hooks',
        register(reg) {
          reg.registerInit({
            deps: { scheduler: coreServices.scheduler },
            async init({ scheduler }) {
              hooks.scheduler = scheduler;
            },
          });
        },
      }),
      mockServices.database.factory({
        knex: await databases.init('SQLITE_3'),
      }),
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () =>
          catalogServiceMock({
            entities: [
              component('payments-web', 'octocat/hello-world'),
              component('legacy-batch', 'octocat/no-scanning'),
              component('no-repo'),
            ],
          }),
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
      mockServices.rootConfig.factory({
        data: {
          integrations: {
            github: [
              { host: 'github.com', apiBaseUrl: github.baseUrl, token: TOKEN },
            ],
          },
        },
      }),
    ],
  });
  const findings = async (name: string) =>
    (
      await request(backend.server)
        .get('/api/security-findings/findings')
        .query({ entity: name })
        .set('Authorization', mockCredentials.user.header())
    ).body;
  const pull = async () => {
    await hooks.scheduler!.triggerTask('security-findings-pull');
    await new Promise(r => setTimeout(r, 50));
  };
  return { github, backend, findings, pull };
}

describe('GitHub code scanning and Dependabot alerts', () => {
  it('pulls every page of both lists as full reports, leaving a tool GitHub does not answer as it was', async () => {
    const repos: GithubRepos = {
      'octocat/hello-world': {
        codeScanning: Array.from({ length: 150 }, (_, i) =>
          codeScanningAlert(i + 1),
        ),
        dependabot: [dependabotAlert(2)],
      },
      // Code scanning not enabled: 404; Dependabot lists nothing.
      'octocat/no-scanning': { dependabot: [] },
    };
    const { github, backend, findings, pull } = await start(repos);
    try {
      await pull();
      await until(async () => (await findings('payments-web')).total === 151);
      const web = await findings('payments-web');
      expect(web.summary.bySeverity).toMatchObject({ high: 151 });
      const dependabot = web.items.find(
        (f: any) => f.tool === 'github-dependabot',
      );
      expect(dependabot).toMatchObject({
        ruleId: 'CVE-2018-6188',
        category: 'dependency',
        severity: 'high',
        owner: 'group:default/payments-sre',
        firstSeen: '2026-11-01T10:00:00.000Z',
        vulnerability: {
          packageName: 'django',
          installedVersion: '>= 2.0.0, < 2.0.2',
          fixedVersion: '2.0.2',
          aliases: ['GHSA-rf4j-j272-fj86'],
        },
        links: ['https://github.com/octocat/hello-world/security/dependabot/2'],
      });
      const scanning = web.items.find(
        (f: any) => f.tool === 'github-code-scanning',
      );
      expect(scanning).toMatchObject({
        scanner: 'codeql',
        ruleId: 'js/zipslip',
        title: 'Arbitrary file write during zip extraction',
        location: { path: 'spec-main/api-session-spec.ts', startLine: 917 },
      });
      // Two pages of code scanning (100 + 50), with the token and API version.
      expect(
        github.requests.filter(r =>
          r.startsWith('GET /repos/octocat/hello-world/code-scanning/alerts'),
        ),
      ).toEqual([
        'GET /repos/octocat/hello-world/code-scanning/alerts?state=open&per_page=100',
        'GET /repos/octocat/hello-world/code-scanning/alerts?state=open&per_page=100&page=2',
      ]);
      expect(github.requests).not.toContainEqual(
        expect.stringContaining('no-repo'),
      );

      // Fixed on GitHub: absent from the next pull, fixed here.
      repos['octocat/hello-world'].codeScanning!.splice(0, 149);
      repos['octocat/hello-world'].dependabot = [];
      await pull();
      await until(async () => (await findings('payments-web')).total === 1);
      // Code scanning became unreachable: its finding stays open.
      delete repos['octocat/hello-world'].codeScanning;
      await pull();
      await new Promise(r => setTimeout(r, 500));
      expect((await findings('payments-web')).total).toBe(1);
    } finally {
      await backend.stop();
      await github.stop();
    }
  });
});

/** Waits for a condition, up to 20 s. */
async function until(condition: () => Promise<boolean>) {
  const end = Date.now() + 20_000;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise(r => setTimeout(r, 100));
  }
}
