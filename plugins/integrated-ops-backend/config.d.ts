export interface Config {
  integratedOps?: {
    lookup?: {
      /** Seconds between rebuilds of the ownership index from the catalog. Default 30. */
      refreshSeconds?: number;
    };
    requests?: {
      /** Minutes between runs of the expiry / re-certification task. Default 5. */
      expiryCheckMinutes?: number;
      /** Ask the approving teams to re-certify a grant applied this many days ago. Default 60. */
      recertifyAfterDays?: number;
    };
  };
}
