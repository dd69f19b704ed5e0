import { TemplateEntityV1beta3 } from '@backstage/plugin-scaffolder-common';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
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
  },
  spec: { type: 'network-access', steps: [], parameters: [] },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/netops' }],
};

export function renderCard(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
  onSelected = jest.fn(),
) {
  return renderInTestApp(
    <PortalTemplateCard template={template} onSelected={onSelected} />,
    {
      apis: [mockApis.permission({ authorize: result })],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}
