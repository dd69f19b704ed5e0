export interface Config {
  integratedOps?: {
    /** Security findings (plugin security-findings). */
    securityFindings?: {
      /**
       * Subjects of the external-access tokens (backend.auth.externalAccess)
       * that may post scanner reports to POST /api/security-findings/reports.
       * Empty by default: nobody may post.
       */
      reporters?: string[];
      /**
       * Plugin ids whose service tokens may read every component's findings in
       * numbers (GET /api/security-findings/facts: the scorecards' facts).
       * Default [tech-insights].
       */
      factReaders?: string[];
      /** The largest report accepted once decoded (gzip inflated), in MiB; 413 above. Default and most 64. */
      maxReportMegabytes?: number;
      /** Which discipline owns each category of finding, and which severities SecOps sees as well. */
      routing?: {
        /** Owner per category (code, dependency, image, secret, iac: devops; network: netops). */
        categories?: {
          code?: 'devops' | 'netops' | 'secops';
          dependency?: 'devops' | 'netops' | 'secops';
          image?: 'devops' | 'netops' | 'secops';
          secret?: 'devops' | 'netops' | 'secops';
          iac?: 'devops' | 'netops' | 'secops';
          network?: 'devops' | 'netops' | 'secops';
        };
        /** Default critical and high. */
        secopsSees?: Array<'critical' | 'high' | 'medium' | 'low' | 'info'>;
      };
      /** The SLA policy. */
      sla?: {
        /** Days allowed per severity (critical 7, high 30, medium 90, low 180, info none). */
        days?: {
          critical?: number;
          high?: number;
          medium?: number;
          low?: number;
          info?: number | null;
        };
        /** Factor per data class (a component tag) shortening the days; default pci 0.5. */
        dataClassFactors?: { [dataClass: string]: number };
        /** The last fraction of the allowed time that is "due soon" (default 0.25). */
        dueSoonFraction?: number;
        /** The SOC tier (a group ref) a breach escalates to when still open escalateAfterHours past due. */
        escalateTo?: string;
        /** Hours past the due date before escalating (default 24; 0: at once). */
        escalateAfterHours?: number;
      };
      /** How often findings sources (modules such as GitHub's) are pulled, in minutes; default 60. */
      pullMinutes?: number;
      /** How often breaches are looked for (and notified once each), in minutes; default 5. */
      breachCheckMinutes?: number;
      /**
       * Development: scanner reports posted at start to the report route, as
       * a pipeline would (a folder with reports.yaml, and a reporter's token).
       */
      sampleReports?: {
        /** Default true when the section is there. */
        enabled?: boolean;
        /** The folder holding reports.yaml and the report files. */
        dir: string;
        /**
         * An external-access static token whose subject is a reporter.
         * @visibility secret
         */
        token: string;
      };
    };
  };
}
