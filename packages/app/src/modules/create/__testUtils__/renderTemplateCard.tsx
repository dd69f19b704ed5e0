import { TemplateEntityV1beta3 } from '@backstage/plugin-scaffolder-common';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  entityRouteRef,
  MockStarredEntitiesApi,
  starredEntitiesApiRef,
} from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PermissionApi } from '@backstage/plugin-permission-react';
import { PortalTemplateCard } from '../PortalTemplateCard';

// usePermission caches answers per permission for the module's life (SWR):
// one answer per test file.
export const template: TemplateEntityV1beta3 = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: {
    name: 'network-access-request',
    namespace: 'default',
    title: 'Request network access',
    description: 'Open a flow, policy-checked.',
    tags: ['netops', 'firewall'],
    links: [
      { url: 'https://wiki.bank.test/netops', title: 'NetOps wiki' },
      // A hostile template's script URL: the card must not follow it.
      // eslint-disable-next-line no-script-url
      { url: 'javascript:alert(1)', title: 'Not a link' },
    ],
  },
  spec: { type: 'network-access', steps: [], parameters: [] },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/netops' }],
};

/** Renders the card with the permission answer given; the permission API, its authorize spied. */
export async function renderCard(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
  onSelected = jest.fn(),
): Promise<PermissionApi> {
  const permission = mockApis.permission({ authorize: result });
  jest.spyOn(permission, 'authorize');
  await renderInTestApp(
    <PortalTemplateCard template={template} onSelected={onSelected} />,
    {
      apis: [permission, [starredEntitiesApiRef, new MockStarredEntitiesApi()]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return permission;
}
