import { isDecidable } from '@integrated-ops/plugin-ops-requests-common';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { ChangeRequest } from '@integrated-ops/plugin-ops-requests-common';
import { OpsRequestQuery } from '@integrated-ops/plugin-ops-requests-node';
import { pendingTeams } from './pendingTeams';

/**
 * Whether a request matches a permission decision's conditions, as the
 * condition transformer turned them into queries (allOf / anyOf / not over
 * the rules' `toQuery` leaves).
 */
export function matchesCriteria(
  request: ChangeRequest,
  criteria: PermissionCriteria<OpsRequestQuery>,
): boolean {
  if ('allOf' in criteria) {
    return criteria.allOf.every(c => matchesCriteria(request, c));
  }
  if ('anyOf' in criteria) {
    return criteria.anyOf.some(c => matchesCriteria(request, c));
  }
  if ('not' in criteria) return !matchesCriteria(request, criteria.not);
  if ('requestedByAnyOf' in criteria) {
    return criteria.requestedByAnyOf.includes(request.requestedBy);
  }
  const teams = new Set(criteria.pendingOnAnyOf);
  return (
    isDecidable(request.state) &&
    pendingTeams(request).some(team => teams.has(team))
  );
}
