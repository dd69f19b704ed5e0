import { lowerRef } from '@integrated-ops/plugin-integrated-ops-common';
import { ChangeRequest } from '@integrated-ops/plugin-ops-requests-common';

/**
 * The teams (lower-case group refs) whose decision a request still waits
 * for: approval of the disciplines not yet approved; for break-glass access
 * in post-review, confirmation by any of its approving teams.
 */
export function pendingTeams(request: ChangeRequest): string[] {
  if (request.state === 'post-review') {
    return [
      ...new Set(
        Object.values(request.approvers)
          .map(t => lowerRef(t ?? ''))
          .filter(Boolean),
      ),
    ];
  }
  return [
    ...new Set(
      request.requiredApprovals
        .filter(d => !request.approvals.some(a => a.discipline === d))
        .map(d => lowerRef(request.approvers[d] ?? ''))
        .filter(Boolean),
    ),
  ];
}
