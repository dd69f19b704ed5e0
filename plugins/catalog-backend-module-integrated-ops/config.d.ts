export interface Config {
  integratedOps?: {
    ownership?: {
      /** Seconds a looked-up System, Domain or Group is reused while processing. Default 10. */
      lookupCacheSeconds?: number;
    };
  };
}
