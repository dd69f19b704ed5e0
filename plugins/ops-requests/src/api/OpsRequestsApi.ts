import { createApiRef } from '@backstage/core-plugin-api';
import {
  ChangeIntentInput,
  ChangePlan,
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
  /** Break-glass in post-review: keep it until its end time. */
  confirmRequest(id: string, comment?: string): Promise<ChangeRequest>;
  /** Break-glass in post-review: revoke it now. */
  revokeRequest(id: string, justification: string): Promise<ChangeRequest>;
  /** What the server would decide for an intent: policy results, approvers, files. Files nothing. */
  previewRequest(intent: ChangeIntentInput): Promise<ChangePlan>;
}

export const opsRequestsApiRef = createApiRef<OpsRequestsApi>({
  id: 'plugin.ops-requests.service',
});
