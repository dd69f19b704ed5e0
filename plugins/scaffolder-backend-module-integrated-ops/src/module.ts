import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { resolve } from 'path';
import {
  createPreviewRequestAction,
  createRequestAction,
} from './actions/createRequest';
import { RequestsClient } from './actions/requestsClient';
import { createPolicyCheckAction } from './actions/policyCheck';
import { createPublishChangeAction } from './actions/publishChange';
import { createRenderCiControlsAction } from './actions/renderCiControls';
import { createRenderFirewallRuleAction } from './actions/renderFirewallRule';
import { createRenderNetworkPolicyAction } from './actions/renderNetworkPolicy';
import { createValidateKubernetesAction } from './actions/validateKubernetes';
import { createWriteCatalogInfoAction } from './actions/writeCatalogInfo';
import { NewServiceNames } from './actions/serviceNames';
import {
  changeDeliveryServiceRef,
  changePolicyFile,
} from '@integrated-ops/plugin-ops-requests-node';

/**
 * Integrated Ops scaffolder actions: change requests filed with the
 * ops-requests backend (which alone judges and commits them), the new
 * service's policy check, renderers, repository publisher and catalog-info
 * writer. Paths come from `integratedOps.policy`
 * and `integratedOps.gitops` / `integratedOps.catalogInfo` (see config.d.ts).
 *
 * @public
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
        delivery: changeDeliveryServiceRef,
      },
      async init({ scaffolder, catalog, config, auth, discovery, delivery }) {
        const policyFile = changePolicyFile(config);
        const registrationDir = resolve(
          config.getOptionalString('integratedOps.catalogInfo.dir') ??
            '.data/catalog',
        );
        const { repositories } = delivery;
        const requests = new RequestsClient(auth, discovery);
        // Who holds a new service's name: the catalog, the registration
        // directory and the repositories, read by the server.
        const names = new NewServiceNames({
          catalog,
          auth,
          registrationDir,
          repositories,
        });
        scaffolder.addActions(
          createPolicyCheckAction({ catalog, policyFile, names }),
          createRenderNetworkPolicyAction(),
          createRenderFirewallRuleAction(),
          createRenderCiControlsAction(),
          createValidateKubernetesAction(),
          createPublishChangeAction({ repositories, names }),
          createWriteCatalogInfoAction({ names, catalog, policyFile }),
          createPreviewRequestAction({ client: requests }),
          createRequestAction({
            client: requests,
            appBaseUrl: config.getString('app.baseUrl'),
          }),
        );
      },
    });
  },
});
