export interface Config {
  integratedOps?: {
    httpErrors?: {
      /**
       * false: error bodies carry no stack traces, whatever NODE_ENV says
       * (set in app-config.production.yaml). Unset: Backstage's default
       * (stack traces when NODE_ENV is development).
       */
      showStackTraces?: boolean;
    };
  };
}
