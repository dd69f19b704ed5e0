import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { IntegratedOpsPermissionPolicy } from './IntegratedOpsPermissionPolicy';
import { readPortalRoles } from './portalRoles';

/**
 * Installs the portal's permission policy, with the roles `integratedOps.permissions` configures.
 *
 * @public
 */
export const permissionModuleIntegratedOpsPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'integrated-ops-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(
          new IntegratedOpsPermissionPolicy(readPortalRoles(config)),
        );
      },
    });
  },
});
