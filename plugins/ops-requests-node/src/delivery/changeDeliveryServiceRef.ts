import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { resolve } from 'path';
import { ChangePublisher } from '../git/ChangePublisher';
import { createChangePublisher } from '../git/createChangePublisher';
import { LocalGitRepositories } from '../git/LocalGitRepositories';

/**
 * Where reviewed changes and new repositories go.
 *
 * @public
 */
export interface ChangeDelivery {
  /** The local bare repositories (new services' repositories, the local infrastructure repository). */
  repositories: LocalGitRepositories;
  /** Change branches of the infrastructure repository: local, GitHub or GitLab. */
  publisher: ChangePublisher;
}

/**
 * Change delivery, configured once under `integratedOps.gitops` and shared
 * by every plugin and module in the backend (root scope: one set of local
 * repositories, so merges into the same repository take turns).
 *
 * @public
 */
export const changeDeliveryServiceRef = createServiceRef<ChangeDelivery>({
  id: 'ops-requests.change-delivery',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { config: coreServices.rootConfig },
      factory({ config }) {
        const repositories = new LocalGitRepositories(
          resolve(
            config.getOptionalString('integratedOps.gitops.localRoot') ??
              '.data/git',
          ),
        );
        return {
          repositories,
          publisher: createChangePublisher(config, repositories),
        };
      },
    }),
});
