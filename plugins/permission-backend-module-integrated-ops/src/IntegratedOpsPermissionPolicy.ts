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
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  createScaffolderTaskConditionalDecision,
  scaffolderTaskConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import {
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogEntityValidatePermission,
  catalogIngestionManagePermission,
  catalogIngestionReadPermission,
  catalogLocationAnalyzePermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
  catalogLocationReadPermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  actionExecutePermission,
  taskCancelPermission,
  taskCreatePermission,
  taskReadPermission,
  templateDryRunPermission,
  templateManagementPermission,
  templateParameterReadPermission,
  templateStepReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import {
  opsChangesOnRecordReadPermission,
  opsCoverageReadPermission,
  opsLookupReadPermission,
  opsPageCreatePermission,
} from '@integrated-ops/plugin-integrated-ops-common';
import {
  opsRequestCreatePermission,
  opsRequestDecidePermission,
  opsRequestReadPermission,
} from '@integrated-ops/plugin-ops-requests-common';
import {
  createOpsRequestConditionalDecision,
  opsRequestConditions,
} from '@integrated-ops/plugin-ops-requests-node';
import { Pagers, PortalRoles, Readers } from './portalRoles';

/** What every signed-in user may do: read the catalog, run templates, look up owners, ask for changes. */
export const USER_PERMISSIONS = new Set(
  [
    catalogEntityReadPermission,
    catalogEntityValidatePermission,
    catalogLocationReadPermission,
    templateParameterReadPermission,
    templateStepReadPermission,
    actionExecutePermission,
    taskCreatePermission,
    templateDryRunPermission,
    opsLookupReadPermission,
    opsRequestCreatePermission,
  ].map(p => p.name),
);

/** Changes to what the catalog and the scaffolder hold: admins only (documentation; anything not allowed is denied). */
export const ADMIN_PERMISSIONS = new Set(
  [
    catalogEntityCreatePermission,
    catalogEntityDeletePermission,
    catalogLocationCreatePermission,
    catalogLocationDeletePermission,
    catalogLocationAnalyzePermission,
    catalogIngestionReadPermission,
    catalogIngestionManagePermission,
    templateManagementPermission,
  ].map(p => p.name),
);

const allow: PolicyDecision = { result: AuthorizeResult.ALLOW };
const deny: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * The portal's permission policy, least privilege by default: each
 * permission the portal knows has a rule; any other is denied until a rule
 * names it. Roles come from `integratedOps.permissions` (adminGroups,
 * coverageReaders, requestReaders), matched against the user's ownership
 * claims (the user and the groups they belong to).
 *
 * - Deciding a change request: a member of a team whose approval is pending,
 *   never the requester; admins included (no one approves their own).
 * - Refreshing an entity: its owners; admins any.
 * - A scaffolder task and its parameters: its creator; admins any.
 * - Catalog mutations, registering templates, the template editor: admins.
 * - Paging a team from a lookup answer: the configured pagers (default
 *   members of any of the organisation's groups; a guest belongs to none).
 * - Coverage and change requests: the configured readers (default everyone);
 *   the change requests the lookup recorded (changes on record,
 *   re-certification drift) to the same readers as ops-requests' own.
 */
export class IntegratedOpsPermissionPolicy implements PermissionPolicy {
  constructor(private readonly roles: PortalRoles) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const userRef = user?.info.userEntityRef;
    if (!user || !userRef) return deny;
    const claims = user.info.ownershipEntityRefs.map(r =>
      r.toLocaleLowerCase('en-US'),
    );
    const isAdmin = this.roles.adminGroups.some(g => claims.includes(g));
    const { permission } = request;

    if (isPermission(permission, opsRequestDecidePermission)) {
      return createOpsRequestConditionalDecision(permission, {
        allOf: [
          opsRequestConditions.isPendingApprover({ claims }),
          { not: opsRequestConditions.isRequester({ claims: [userRef] }) },
        ],
      });
    }
    if (isAdmin) return allow;
    if (isPermission(permission, catalogEntityRefreshPermission)) {
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }
    if (
      isPermission(permission, taskReadPermission) ||
      isPermission(permission, taskCancelPermission)
    ) {
      return createScaffolderTaskConditionalDecision(
        permission,
        scaffolderTaskConditions.isTaskOwner({ createdBy: [userRef] }),
      );
    }
    if (isPermission(permission, opsCoverageReadPermission)) {
      return this.readers(this.roles.coverageReaders, claims);
    }
    if (
      isPermission(permission, opsRequestReadPermission) ||
      isPermission(permission, opsChangesOnRecordReadPermission)
    ) {
      return this.readers(this.roles.requestReaders, claims);
    }
    if (isPermission(permission, opsPageCreatePermission)) {
      return this.pagers(this.roles.pagers, claims);
    }
    return USER_PERMISSIONS.has(permission.name) ? allow : deny;
  }

  private pagers(pagers: Pagers, claims: string[]): PolicyDecision {
    if (pagers !== 'organisation') return this.readers(pagers, claims);
    return claims.some(c => c.startsWith('group:')) ? allow : deny;
  }

  private readers(readers: Readers, claims: string[]): PolicyDecision {
    if (readers === 'everyone') return allow;
    return readers.some(g => claims.includes(g)) ? allow : deny;
  }
}
