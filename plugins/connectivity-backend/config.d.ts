export interface Config {
  integratedOps?: {
    /** Connectivity: who can reach what, from the infrastructure repository's main. */
    connectivity?: {
      /** Seconds between rebuilds of the model (main's kubernetes/ folder and the catalog). Default 60. */
      refreshSeconds?: number;
    };
  };
}
