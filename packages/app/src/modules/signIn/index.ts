import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => (await import('./PortalSignInPage')).PortalSignInPage,
  },
});

/** The portal's sign-in page: guest, and sample users in development. */
export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage],
});
