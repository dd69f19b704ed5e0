import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogPermissions } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  createPermission,
  Permission,
} from '@backstage/plugin-permission-common';
import { scaffolderPermissions } from '@backstage/plugin-scaffolder-common/alpha';
import { integratedOpsPermissions } from '@integrated-ops/plugin-integrated-ops-common';
import { opsRequestsPermissions } from '@integrated-ops/plugin-ops-requests-common';
import {
  ADMIN_PERMISSIONS,
  IntegratedOpsPermissionPolicy,
  USER_PERMISSIONS,
} from './IntegratedOpsPermissionPolicy';
import { readPortalRoles } from './portalRoles';
import { techInsightsPermissions } from '@backstage-community/plugin-tech-insights-common';

const ADMINS = 'group:default/portal-admins';
const GRC = 'group:default/grc';

const policyFor = (permissions: object = {}) =>
  new IntegratedOpsPermissionPolicy(
    readPortalRoles(
      new ConfigReader({
        integratedOps: {
          permissions: { adminGroups: [ADMINS], ...permissions },
        },
      }),
    ),
  );

const user = (userEntityRef: string, groups: string[] = []) => ({
  credentials: mockCredentials.user(userEntityRef),
  info: { userEntityRef, ownershipEntityRefs: [userEntityRef, ...groups] },
});
const guest = user('user:default/guest', ['group:default/payments-edge-team']);
const admin = user('user:default/sofia.rossi', [ADMINS]);

const byName = (name: string): Permission => {
  const found = [
    ...catalogPermissions,
    ...scaffolderPermissions,
    ...integratedOpsPermissions,
    ...opsRequestsPermissions,
  ].find(p => p.name === name);
  if (!found) throw new Error(`no permission ${name}`);
  return found;
};

describe('IntegratedOpsPermissionPolicy', () => {
  const policy = policyFor();

  it('lets a pending approver who is not the requester decide, admins included', async () => {
    for (const who of [user('user:default/omar.haddad'), admin]) {
      const ref = who.info.userEntityRef;
      expect(
        await policy.handle(
          { permission: byName('ops-requests.request.decide') },
          who,
        ),
      ).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'ops-requests',
        resourceType: 'ops-request',
        conditions: {
          allOf: [
            {
              rule: 'IS_PENDING_APPROVER',
              resourceType: 'ops-request',
              // the user's own claims: the user and their groups
              params: { claims: who.info.ownershipEntityRefs },
            },
            {
              not: {
                rule: 'IS_REQUESTER',
                resourceType: 'ops-request',
                params: { claims: [ref] },
              },
            },
          ],
        },
      });
    }
  });

  it('denies everything without a signed-in user', async () => {
    for (const name of [...USER_PERMISSIONS, 'ops-requests.request.decide']) {
      expect(await policy.handle({ permission: byName(name) })).toEqual({
        result: AuthorizeResult.DENY,
      });
    }
  });

  it.each([...USER_PERMISSIONS])(
    'allows every signed-in user %s',
    async name => {
      expect(await policy.handle({ permission: byName(name) }, guest)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    },
  );

  it.each([...ADMIN_PERMISSIONS])('allows %s to admins only', async name => {
    expect(await policy.handle({ permission: byName(name) }, guest)).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(await policy.handle({ permission: byName(name) }, admin)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('lets owners refresh their entities; admins any', async () => {
    expect(
      await policy.handle(
        { permission: byName('catalog.entity.refresh') },
        guest,
      ),
    ).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: {
          claims: ['user:default/guest', 'group:default/payments-edge-team'],
        },
      },
    });
    expect(
      await policy.handle(
        { permission: byName('catalog.entity.refresh') },
        admin,
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it.each(['scaffolder.task.read', 'scaffolder.task.cancel'])(
    'lets the creator of a task (and admins) %s, parameters included',
    async name => {
      expect(await policy.handle({ permission: byName(name) }, guest)).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'scaffolder',
        resourceType: 'scaffolder-task',
        conditions: {
          rule: 'IS_TASK_OWNER',
          resourceType: 'scaffolder-task',
          params: { createdBy: ['user:default/guest'] },
        },
      });
      expect(await policy.handle({ permission: byName(name) }, admin)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    },
  );

  it.each([
    ['integrated-ops.coverage.read', 'coverageReaders'],
    ['ops-requests.request.read', 'requestReaders'],
    ['integrated-ops.changes-on-record.read', 'requestReaders'],
  ])(
    'lets everyone %s by default, or only the configured %s',
    async (name, key) => {
      expect(await policy.handle({ permission: byName(name) }, guest)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
      const restricted = policyFor({ [key]: [GRC] });
      expect(
        await restricted.handle({ permission: byName(name) }, guest),
      ).toEqual({
        result: AuthorizeResult.DENY,
      });
      expect(
        await restricted.handle(
          { permission: byName(name) },
          user('user:default/ines.duarte', [GRC]),
        ),
      ).toEqual({ result: AuthorizeResult.ALLOW });
      expect(
        await restricted.handle({ permission: byName(name) }, admin),
      ).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    },
  );

  it("lets members of the organisation's teams page, not someone in no team; or only the configured pagers", async () => {
    const page = { permission: byName('integrated-ops.page.create') };
    const outsider = user('user:default/contractor');
    expect(await policy.handle(page, guest)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(await policy.handle(page, outsider)).toEqual({
      result: AuthorizeResult.DENY,
    });
    const soc = policyFor({ pagers: ['group:default/soc-tier1'] });
    expect(await soc.handle(page, guest)).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(
      await soc.handle(
        page,
        user('user:default/noah.kim', ['group:default/soc-tier1']),
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    expect(
      await policyFor({ pagers: 'everyone' }).handle(page, outsider),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('denies a permission it has no rule for, to users; admins keep it', async () => {
    const unknown = createPermission({
      name: 'some-plugin.thing.delete',
      attributes: { action: 'delete' },
    });
    expect(await policy.handle({ permission: unknown }, guest)).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(await policy.handle({ permission: unknown }, admin)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it("keeps signed-in users off Tech Insights' own routes (unfiltered by catalog read); the scorecards route answers them", async () => {
    // Tech Insights runs checks and returns facts for any entity ref, and
    // its bulk run for every entity: users read scorecards through the
    // scorecards plugin, which looks the entity up with their credentials.
    for (const permission of techInsightsPermissions) {
      expect(await policy.handle({ permission }, guest)).toEqual({
        result: AuthorizeResult.DENY,
      });
    }
    expect(techInsightsPermissions.map(p => p.name).sort()).toEqual([
      'tech-insights.check.read',
      'tech-insights.check.run',
      'tech-insights.fact-retriever.read',
    ]);
  });

  it('has no admins unless configured', async () => {
    const none = new IntegratedOpsPermissionPolicy(
      readPortalRoles(new ConfigReader({})),
    );
    expect(
      await none.handle({ permission: byName('catalog.entity.delete') }, admin),
    ).toEqual({ result: AuthorizeResult.DENY });
  });

  it('names every catalog and scaffolder permission in one rule or another', () => {
    const ruled = new Set([
      ...USER_PERMISSIONS,
      ...ADMIN_PERMISSIONS,
      'catalog.entity.refresh',
      'scaffolder.task.read',
      'scaffolder.task.cancel',
      'integrated-ops.coverage.read',
      'ops-requests.request.read',
      'integrated-ops.changes-on-record.read',
      'integrated-ops.page.create',
      'ops-requests.request.decide',
    ]);
    const unruled = [
      ...catalogPermissions,
      ...scaffolderPermissions,
      ...integratedOpsPermissions,
      ...opsRequestsPermissions,
    ]
      .map(p => p.name)
      .filter(n => !ruled.has(n));
    expect(unruled).toEqual([]);
  });
});
