import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';
import { createModule } from './modules/create';
import { homeModule } from './modules/home';
import { layoutModule } from './modules/layout';
import { signInModule } from './modules/signIn';

export default createApp({
  features: [
    catalogPlugin,
    navModule,
    homeModule,
    signInModule,
    layoutModule,
    createModule,
  ],
});
