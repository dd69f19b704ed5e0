import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SwappableComponentBlueprint } from '@backstage/plugin-app-react';
import { TemplateCard } from '@backstage/plugin-scaffolder-react/alpha';
import { PortalTemplateCard } from './PortalTemplateCard';

/** The Create page's template cards (see PortalTemplateCard). */
const templateCard = SwappableComponentBlueprint.make({
  name: 'template-card',
  params: define =>
    define({ component: TemplateCard, loader: () => PortalTemplateCard }),
});

/** The app's parts of the Create page. */
export const createModule = createFrontendModule({
  pluginId: 'app',
  extensions: [templateCard],
});
