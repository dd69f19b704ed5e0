import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { resolve } from 'path';
import { createRequestAction } from './actions/createRequest';
import { createPolicyCheckAction } from './actions/policyCheck';
import { createPublishChangeAction } from './actions/publishChange';
import { createRenderCiControlsAction } from './actions/renderCiControls';
import { createRenderFirewallRuleAction } from './actions/renderFirewallRule';
import { createRenderNetworkPolicyAction } from './actions/renderNetworkPolicy';
import { createValidateKubernetesAction } from './actions/validateKubernetes';
import { createWriteCatalogInfoAction } from './actions/writeCatalogInfo';
import { createChangePublisher } from './git/createChangePublisher';
import { LocalGitRepositories } from '@internal/plugin-integrated-ops-node';

/**
 * Integrated Ops scaffolder actions: policy check, renderers, GitOps
 * publisher and catalog-info writer. Paths come from `integratedOps.policy`
 * and `integratedOps.gitops` / `integratedOps.catalogInfo` (see config.d.ts).
 */
export const scaffolderModuleIntegratedOps = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'integrated-ops',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
      },
      async init({ scaffolder, catalog, config, auth, discovery }) {
        const policyFile = resolve(
          config.getOptionalString('integratedOps.policy.file') ??
            '../../policies/change-policy.yaml',
        );
        const gitRoot = resolve(
          config.getOptionalString('integratedOps.gitops.localRoot') ??
            '.data/git',
        );
        const registrationDir = resolve(
          config.getOptionalString('integratedOps.catalogInfo.dir') ??
            '.data/catalog',
        );
        const repositories = new LocalGitRepositories(gitRoot);
        scaffolder.addActions(
          createPolicyCheckAction({ catalog, policyFile }),
          createRenderNetworkPolicyAction(),
          createRenderFirewallRuleAction(),
          createRenderCiControlsAction(),
          createValidateKubernetesAction(),
          createPublishChangeAction({
            changes: createChangePublisher(config, repositories),
            repositories,
          }),
          createWriteCatalogInfoAction({ registrationDir }),
          createRequestAction({
            auth,
            discovery,
            appBaseUrl: config.getString('app.baseUrl'),
          }),
        );
      },
    });
  },
});
