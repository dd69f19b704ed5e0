import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  opsLookupReadPermission,
  opsRequestDecidePermission,
} from '@internal/plugin-integrated-ops-common';
import { mockCredentials } from '@backstage/backend-test-utils';
import { IntegratedOpsPermissionPolicy } from './IntegratedOpsPermissionPolicy';

const policy = new IntegratedOpsPermissionPolicy();
const user = (userEntityRef: string) => ({
  credentials: mockCredentials.user(userEntityRef),
  info: { userEntityRef, ownershipEntityRefs: [userEntityRef] },
});

describe('IntegratedOpsPermissionPolicy', () => {
  it('lets a pending approver who is not the requester decide', async () => {
    expect(
      await policy.handle(
        { permission: opsRequestDecidePermission },
        user('user:default/omar.haddad'),
      ),
    ).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'integrated-ops',
      resourceType: 'integrated-ops-request',
      conditions: {
        allOf: [
          {
            rule: 'IS_PENDING_APPROVER',
            resourceType: 'integrated-ops-request',
            params: { userRef: 'user:default/omar.haddad' },
          },
          {
            not: {
              rule: 'IS_REQUESTER',
              resourceType: 'integrated-ops-request',
              params: { userRef: 'user:default/omar.haddad' },
            },
          },
        ],
      },
    });
  });

  it('denies deciding without a user', async () => {
    expect(
      await policy.handle({ permission: opsRequestDecidePermission }),
    ).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('allows the rest', async () => {
    expect(
      await policy.handle(
        { permission: opsLookupReadPermission },
        user('user:default/guest'),
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });
});
