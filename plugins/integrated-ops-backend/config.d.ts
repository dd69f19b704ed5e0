export interface Config {
  integratedOps?: {
    lookup?: {
      /** Seconds between syncs of the ownership index with the catalog. Default 30. */
      refreshSeconds?: number;
    };
  };
}
