import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { MarkdownContent } from '@backstage/core-components';

const content = `
## Integrated Ops Portal

One catalog for NetOps, DevOps and SecOps: who owns a thing for network,
delivery and security, who is on call for it now, and how to change it safely.

- **During an incident**: the [Incident lookup](/ops-lookup) answers from a
  name, hostname, URL or IP with the three owners, who to page with their
  numbers, the escalation path and what else breaks.
- **Self-service**: [Create](/create) a service, network access or security
  controls; the change policy judges each request and the owning teams approve
  it under [Change requests](/ops-requests).
- **Ownership health**: [Ops coverage](/ops-coverage) lists what has no owner,
  no rotation or no runbook, and which team to chase.
`;

const gettingStartedWidget = HomePageWidgetBlueprint.make({
  name: 'getting-started',
  params: {
    name: 'GettingStarted',
    title: 'Getting Started',
    description: 'What the portal answers and where',
    components: async () => ({
      Content: () => <MarkdownContent content={content} />,
    }),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [gettingStartedWidget],
});
