import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { hideStackTraces } from './hideStackTraces';

/**
 * Backstage's root HTTP router with its defaults, plus, when
 * `integratedOps.httpErrors.showStackTraces` is false (the production
 * config), error bodies without stack traces.
 */
export const rootHttpRouter = rootHttpRouterServiceFactory({
  configure({ app, config, applyDefaults }) {
    if (
      config.getOptionalBoolean('integratedOps.httpErrors.showStackTraces') ===
      false
    ) {
      app.use(hideStackTraces());
    }
    applyDefaults();
  },
});
