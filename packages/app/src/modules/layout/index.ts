import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { portalPageLayout } from './PortalPageLayout';

/** The app's page layout: sub-pages as section links (see PortalPageLayout). */
export const layoutModule = createFrontendModule({
  pluginId: 'app',
  extensions: [portalPageLayout],
});
