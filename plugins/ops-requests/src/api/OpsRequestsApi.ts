import { createApiRef } from '@backstage/core-plugin-api';
import {
  ChangeRequest,
  ChangeRequestDetail,
} from '@internal/plugin-ops-requests-common';

/** Client of the ops-requests backend (see its openapi.yaml). */
export interface OpsRequestsApi {
  /** Change requests: mine, awaiting my approval, or all. */
  listRequests(view: 'mine' | 'awaiting' | 'all'): Promise<ChangeRequest[]>;
  getRequest(id: string): Promise<ChangeRequestDetail>;
  approveRequest(id: string, comment?: string): Promise<ChangeRequest>;
  rejectRequest(id: string, justification: string): Promise<ChangeRequest>;
}

export const opsRequestsApiRef = createApiRef<OpsRequestsApi>({
  id: 'plugin.ops-requests.service',
});
