import { createServiceFactory } from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import permissionBackend from '@backstage/plugin-permission-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { LocalGitRepositories } from '@integrated-ops/plugin-ops-requests-node';
import permissionModuleIntegratedOps from '@integrated-ops/plugin-permission-backend-module-integrated-ops';
import { mkdtemp } from 'fs/promises';
import { Knex } from 'knex';
import { tmpdir } from 'os';
import { join } from 'path';
import { opsRequestsPlugin } from '../plugin';
import { oboHttpAuthFactory } from './oboHttpAuth';
import { POLICY_FILE } from './policyFile';
import { requestCatalog as catalog } from './requestCatalog';
import { teamClaimsUserInfoFactory } from './teamClaims';

/**
 * The ops-requests backend with the real permission backend and the portal's
 * policy module, on the given database, the request test catalog (team
 * membership from the users' claims) and a fresh local infrastructure
 * repository (or the given one, shared by replicas). Notifications are
 * collected in `sent`.
 */
export async function startRequestsPortal(
  knex: Knex,
  options: { gitRoot?: string; policyFile?: string } = {},
) {
  const gitRoot =
    options.gitRoot ?? (await mkdtemp(join(tmpdir(), 'iop-req-git-')));
  const repos = new LocalGitRepositories(gitRoot);
  const sent: { recipients: any; payload: any }[] = [];
  const backend = await startTestBackend({
    features: [
      opsRequestsPlugin,
      permissionBackend,
      schedulerServiceFactory,
      teamClaimsUserInfoFactory,
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
            policy: { file: options.policyFile ?? POLICY_FILE },
          },
        },
      }),
    ],
  });
  const { server } = backend;
  return { server, stop: () => backend.stop(), repos, sent };
}
