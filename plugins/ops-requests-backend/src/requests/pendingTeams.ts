import { lowerRef } from '@internal/plugin-integrated-ops-common';
import { ChangeRequest } from '@internal/plugin-ops-requests-common';

/** The teams (lower-case group refs) whose approval a request still waits for. */
export function pendingTeams(request: ChangeRequest): string[] {
  return [
    ...new Set(
      request.requiredApprovals
        .filter(d => !request.approvals.some(a => a.discipline === d))
        .map(d => lowerRef(request.approvers[d] ?? ''))
        .filter(Boolean),
    ),
  ];
}
