import { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import {
  opsRequestCreatePermission,
  opsRequestDecidePermission,
  opsRequestReadPermission,
} from '@integrated-ops/plugin-ops-requests-common';
import {
  opsRequestResourceRef,
  opsRequestRules,
} from '@integrated-ops/plugin-ops-requests-node';
import { RequestService } from './RequestService';
import { RequestStore } from './RequestStore';

/**
 * The permissions of change requests, and their resource type: deciding is
 * judged per request, by the rules over who asked and whose approval is
 * missing.
 */
export function registerRequestPermissions(deps: {
  permissionsRegistry: PermissionsRegistryService;
  store: RequestStore;
  service: RequestService;
}): void {
  const { permissionsRegistry, store, service } = deps;
  permissionsRegistry.addPermissions([
    opsRequestCreatePermission,
    opsRequestReadPermission,
  ]);
  permissionsRegistry.addResourceType({
    resourceRef: opsRequestResourceRef,
    permissions: [opsRequestDecidePermission],
    rules: opsRequestRules,
    getResources: async ids => {
      const found = await store.getMany(ids);
      return ids.map(id => {
        const request = found.find(r => r.id === id);
        return request && service.toResource(request);
      });
    },
  });
}
