import { createBackendModule } from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { IntegratedOpsPermissionPolicy } from './IntegratedOpsPermissionPolicy';

/** Installs the portal's permission policy in the permission backend. */
export const permissionModuleIntegratedOpsPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'integrated-ops-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new IntegratedOpsPermissionPolicy());
      },
    });
  },
});
