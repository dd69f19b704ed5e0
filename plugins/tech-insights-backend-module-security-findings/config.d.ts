export interface Config {
  techInsights?: {
    factRetrievers?: {
      /** The security-findings facts (this module). */
      securityFindingsFactRetriever?: {
        /** A component counts as scanned when a scanner reported on it within this many days; default 30. */
        scannedWithinDays?: number;
      };
    };
  };
}
