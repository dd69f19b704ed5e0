export interface Config {
  integratedOps?: {
    lookup?: {
      /** Seconds between syncs of the ownership index with the catalog. Default 30. */
      refreshSeconds?: number;
      /**
       * Group ref named in an answer when a discipline has nobody to page and
       * no step of its escalation path has anyone on call (an incident
       * commander rotation, say).
       */
      noOwnerEscalation?: string;
    };
  };
}
