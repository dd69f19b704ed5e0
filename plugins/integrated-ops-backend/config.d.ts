export interface Config {
  integratedOps?: {
    /** The alert route (POST /alerts/alertmanager); see the README for the rest of its keys. */
    alerts?: {
      /**
       * The webhook is answered after this many seconds even when notifications
       * and vendor copies are still going out (they go on after the answer,
       * from a queue in the database). Default 8, under Alertmanager's 10 s.
       */
      answerWithinSeconds?: number;
      /**
       * Alerts played at start through the alert route, for the sample estate
       * (catalog/sample-alerts); once per database.
       */
      sampleAlerts?: {
        /** false: not played. Default true when the section is there. */
        enabled?: boolean;
        /** The scenario (YAML: steps with `at` seconds and fire, resolve or acknowledge). */
        file?: string;
        /**
         * An external-access static token whose subject is one of the senders.
         * @visibility secret
         */
        token?: string;
      };
    };
    /** Paging from a lookup answer (POST /pages). */
    paging?: {
      /** Pages one person may send per UTC hour (counted in the database). Default 10. */
      maxPerUserPerHour?: number;
      /** Paging an entity's discipline again within this many minutes of an unacknowledged page answers that page. Default 5. */
      repageAfterMinutes?: number;
      /** A vendor is asked whether a page was acknowledged at most this often, when someone looks at it. Default 10. */
      vendorCheckSeconds?: number;
    };
    lookup?: {
      /**
       * Seconds between full listings of the catalog (the safety net: deletions,
       * missed events); changed entities arrive by events within seconds. Default 30.
       */
      refreshSeconds?: number;
      /**
       * How long an entity the catalog announced as changed is read again
       * until the catalog serves the new version (stitching can take longer
       * on a loaded catalog); after that the periodic listing brings it.
       * Default 30.
       */
      followSeconds?: number;
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
    /** The ownership history: typed owners and teams as they were. */
    history?: {
      /** Days of history kept (what was in force then stays answerable). Default 400. */
      retentionDays?: number;
    };
    /** Vendor on-call providers (the PagerDuty and Opsgenie modules). */
    onCall?: {
      /**
       * Seconds between fetches of every schedule the teams point at; also the
       * age an answer says it has at most. Default 60.
       */
      ttlSeconds?: number;
      /** Seconds a vendor call may take before it counts as unavailable. Default 5. */
      timeoutSeconds?: number;
    };
  };
}
