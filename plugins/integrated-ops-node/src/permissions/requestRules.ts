import { createPermissionRule } from '@backstage/plugin-permission-node';
import { z } from 'zod';
import { opsRequestResourceRef } from './requestResource';

const userParams = z.object({
  userRef: z
    .string()
    .describe('User entity ref, e.g. user:default/omar.haddad'),
});

/** The user is a member of a team whose approval the request still needs. */
export const isPendingApprover = createPermissionRule({
  name: 'IS_PENDING_APPROVER',
  description:
    'The user belongs to a team whose approval the request still needs',
  resourceRef: opsRequestResourceRef,
  paramsSchema: userParams,
  apply: (request, { userRef }) =>
    request.state === 'pending' &&
    request.pendingApproverMembers.includes(userRef.toLocaleLowerCase('en-US')),
  toQuery: ({ userRef }) => ({
    pendingApproverMember: userRef.toLocaleLowerCase('en-US'),
  }),
});

/** The user asked for the request. */
export const isRequester = createPermissionRule({
  name: 'IS_REQUESTER',
  description: 'The user requested it',
  resourceRef: opsRequestResourceRef,
  paramsSchema: userParams,
  apply: (request, { userRef }) =>
    request.requestedBy.toLocaleLowerCase('en-US') ===
    userRef.toLocaleLowerCase('en-US'),
  toQuery: ({ userRef }) => ({
    requestedBy: userRef.toLocaleLowerCase('en-US'),
  }),
});

export const opsRequestRules = [isPendingApprover, isRequester];
