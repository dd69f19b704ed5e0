import { createPermissionRule } from '@backstage/plugin-permission-node';
import { z } from 'zod';
import { isDecidable } from '@integrated-ops/plugin-ops-requests-common';
import { opsRequestResourceRef } from './requestResource';

const claimsParams = z.object({
  claims: z
    .array(z.string())
    .describe(
      "The user's ownership refs, from their token: the user and the groups they belong to",
    ),
});

const lower = (refs: string[]) => refs.map(r => r.toLocaleLowerCase('en-US'));

/**
 * The request is pending on a team among the claims (as the catalog's
 * IS_ENTITY_OWNER reads ownership from the user's claims).
 *
 * @public
 */
export const isPendingApprover = createPermissionRule({
  name: 'IS_PENDING_APPROVER',
  description: 'The request still needs the approval of a team in the claims',
  resourceRef: opsRequestResourceRef,
  paramsSchema: claimsParams,
  apply: (request, { claims }) => {
    const mine = new Set(lower(claims));
    return (
      isDecidable(request.state) &&
      request.pendingApproverTeams.some(team => mine.has(team))
    );
  },
  toQuery: ({ claims }) => ({ pendingOnAnyOf: lower(claims) }),
});

/**
 * The request was asked for by one of the claims (the user).
 *
 * @public
 */
export const isRequester = createPermissionRule({
  name: 'IS_REQUESTER',
  description: 'The user in the claims requested it',
  resourceRef: opsRequestResourceRef,
  paramsSchema: claimsParams,
  apply: (request, { claims }) =>
    lower(claims).includes(request.requestedBy.toLocaleLowerCase('en-US')),
  toQuery: ({ claims }) => ({ requestedByAnyOf: lower(claims) }),
});

/**
 * The permission rules on change requests: pending on the user's approval, or
 * requested by the user.
 *
 * @public
 */
export const opsRequestRules = [isPendingApprover, isRequester];
