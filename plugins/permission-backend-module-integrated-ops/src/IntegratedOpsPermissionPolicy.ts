import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { opsRequestDecidePermission } from '@internal/plugin-integrated-ops-common';
import {
  createOpsRequestConditionalDecision,
  opsRequestConditions,
} from '@internal/plugin-integrated-ops-node';

/**
 * Deciding a change request is conditional on the request: the user must be
 * a member of a team whose approval is still pending, and must not be the
 * requester. Service principals and anonymous callers may not decide.
 * Other permissions are allowed (the portal has no other restricted data
 * yet); replace this policy to restrict them.
 */
export class IntegratedOpsPermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (isPermission(request.permission, opsRequestDecidePermission)) {
      const userRef = user?.info.userEntityRef;
      if (!userRef) return { result: AuthorizeResult.DENY };
      return createOpsRequestConditionalDecision(request.permission, {
        allOf: [
          opsRequestConditions.isPendingApprover({ userRef }),
          { not: opsRequestConditions.isRequester({ userRef }) },
        ],
      });
    }
    return { result: AuthorizeResult.ALLOW };
  }
}
