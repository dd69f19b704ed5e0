export interface Config {
  integratedOps?: {
    securityFindings?: {
      /** Where code scanning and Dependabot alerts are pulled from. */
      github?: {
        /** The integrations.github host whose token is used; default github.com. */
        host?: string;
      };
    };
  };
}
