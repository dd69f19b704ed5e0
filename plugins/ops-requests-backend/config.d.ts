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
      /** Ask the approving teams to re-certify a grant applied this many days ago. Default 60. */
      recertifyAfterDays?: number;
    };
  };
}
