export interface Config {
  integratedOps?: {
    lookup?: {
      /**
       * Seconds between full listings of the catalog (the safety net: deletions,
       * missed events); changed entities arrive by events within seconds. Default 30.
       */
      refreshSeconds?: number;
      /**
       * This replica's name in its events subscription (each replica follows
       * every change). Default: the host name; set it where host names change
       * on every deployment, so that old subscriptions are not left behind.
       */
      replicaId?: string;
      /**
       * Group ref named in an answer when a discipline has nobody to page and
       * no step of its escalation path has anyone on call (an incident
       * commander rotation, say).
       */
      noOwnerEscalation?: string;
    };
  };
}
