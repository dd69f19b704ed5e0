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
      /**
       * Let people page the team (`opsgenie.com/team`) from a lookup answer:
       * a P1 alert aliased by the page, acknowledgement read back. The key
       * then needs Create and Update access. Default false.
       */
      paging?: boolean;
    };
  };
}
