export interface Config {
  integratedOps?: {
    /** The PagerDuty module (on-call from schedules and escalation policies, alert forwarding). */
    pagerduty?: {
      /**
       * A PagerDuty REST API key (read-only is enough).
       * @visibility secret
       */
      token: string;
      /** Default https://api.pagerduty.com (https://api.eu.pagerduty.com for EU accounts). */
      apiBaseUrl?: string;
      /** Default https://events.pagerduty.com (events.eu.pagerduty.com for EU accounts). */
      eventsBaseUrl?: string;
      /** Forward routed alerts to the team's service (`pagerduty.com/integration-key`). Default true. */
      forwardAlerts?: boolean;
      /** Let people page the team's service from a lookup answer (Events API trigger, acknowledgement read back by incident key). Default true. */
      paging?: boolean;
    };
  };
}
