import { createServiceFactory } from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import permissionBackend from '@backstage/plugin-permission-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { LocalGitRepositories } from '@internal/plugin-integrated-ops-node';
import permissionModuleIntegratedOps from '@internal/plugin-permission-backend-module-integrated-ops';
import { mkdtemp } from 'fs/promises';
import { Knex } from 'knex';
import { tmpdir } from 'os';
import { join } from 'path';
import request from 'supertest';
import { integratedOpsPlugin } from '../plugin';
import { oboHttpAuthFactory } from './oboHttpAuth';
import { POLICY_FILE } from './policyFile';
import { requestCatalog as catalog } from './requestCatalog';

/**
 * The integrated-ops backend with the real permission backend and the
 * portal's policy module, on the given database, the request test catalog
 * and a fresh local infrastructure repository. Notifications are collected
 * in `sent`. Resolves once the ownership index answers.
 */
export async function startRequestsPortal(knex: Knex) {
  const gitRoot = await mkdtemp(join(tmpdir(), 'iop-req-git-'));
  const repos = new LocalGitRepositories(gitRoot);
  const sent: { recipients: any; payload: any }[] = [];
  const backend = await startTestBackend({
    features: [
      integratedOpsPlugin,
      permissionBackend,
      // the real scheduler: builds the ownership index at startup
      schedulerServiceFactory,
      permissionModuleIntegratedOps,
      catalogServiceMock.factory({ entities: catalog }),
      mockServices.database.factory({ knex }),
      oboHttpAuthFactory,
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async (n: any) => void sent.push(n) }),
      }),
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          integratedOps: {
            gitops: { localRoot: gitRoot },
            policy: { file: POLICY_FILE },
          },
        },
      }),
    ],
  });
  const { server } = backend;
  // The ownership index is built at startup; wait until it answers.
  for (let i = 0; i < 100; i++) {
    const res = await request(server)
      .get('/api/integrated-ops/index-status')
      .set({ Authorization: mockCredentials.user.header('user:default/ana') });
    if (res.status === 200 && res.body.builtAt) break;
    if (i === 99)
      throw new Error(`index not built: ${JSON.stringify(res.body)}`);
    await new Promise(r => setTimeout(r, 100));
  }
  return { server, stop: () => backend.stop(), repos, sent };
}
