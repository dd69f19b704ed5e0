export interface Config {
  integratedOps?: {
    /** The change policy requests are judged by. */
    policy?: {
      /** Path of the policy file, relative to the backend's working directory; re-read on every check. */
      file?: string;
    };
    requests?: {
      /** Minutes between runs of the expiry / re-certification task. Default 5. */
      expiryCheckMinutes?: number;
      /** Seconds between runs of the apply task (planned applies, and applies a dead replica left). Default 60. */
      applyCheckSeconds?: number;
      /**
       * Seconds a replica holds an apply it started; if it dies mid-merge,
       * another replica applies the change after this. Default 120.
       */
      applyLeaseSeconds?: number;
      /** Ask the approving teams to re-certify a grant applied this many days ago. Default 60. */
      recertifyAfterDays?: number;
      /**
       * Minutes between checks for owning teams to ask to re-certify their
       * ownership (the policy's ownershipRecertification sets the period).
       * Each check reads the whole catalog. Default 60.
       */
      ownershipRecertificationCheckMinutes?: number;
      /**
       * Minutes between checks of the change policy's connectivity invariants
       * on main as it is (violations told to the destination's SecOps owner
       * once). The first runs two minutes after start. Default 1440 (daily).
       */
      invariantCheckMinutes?: number;
      /**
       * Minutes between snapshots of the change requests and the
       * re-certification report published for the integrated-ops lookup (on
       * the events service), so that a lookup that missed events catches up.
       * One is also published at start. Default 60.
       */
      lookupSnapshotMinutes?: number;
      /** Most change requests (newest first) one snapshot publishes. Default 5000. */
      lookupSnapshotMaxRequests?: number;
      /**
       * Plugins whose service tokens may read the whole re-certification
       * report (GET /recertifications), as the scorecards' facts do. Default
       * [tech-insights].
       */
      factReaders?: string[];
    };
  };
}
