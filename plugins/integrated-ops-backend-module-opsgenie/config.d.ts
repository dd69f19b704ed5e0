export interface Config {
  integratedOps?: {
    /** The Opsgenie module (on-call from schedules). */
    opsgenie?: {
      /**
       * An Opsgenie API key with Read access.
       * @visibility secret
       */
      apiKey: string;
      /** Default https://api.opsgenie.com (https://api.eu.opsgenie.com for EU accounts). */
      apiBaseUrl?: string;
    };
  };
}
