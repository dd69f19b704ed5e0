import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { safeErrorBodies } from './safeErrorBodies';

/**
 * Backstage's root HTTP router with its defaults, plus, when
 * `integratedOps.httpErrors.showStackTraces` is false (the production
 * config), error bodies reduced to an allow-list (name, message, request
 * method and URL, status): no stack traces, no other properties of errors.
 */
export const rootHttpRouter = rootHttpRouterServiceFactory({
  configure({ app, config, applyDefaults }) {
    if (
      config.getOptionalBoolean('integratedOps.httpErrors.showStackTraces') ===
      false
    ) {
      app.use(safeErrorBodies());
    }
    applyDefaults();
  },
});
