export interface Config {
  integratedOps?: {
    lookup?: {
      /** Seconds between rebuilds of the ownership index from the catalog. Default 30. */
      refreshSeconds?: number;
    };
  };
}
