import { createApiRef } from '@backstage/core-plugin-api';
import type { SecurityFindingsApiClient } from '@integrated-ops/plugin-security-findings-common';

/** The security-findings backend, as the generated client calls it. */
export type SecurityFindingsApi = Pick<
  SecurityFindingsApiClient,
  'listFindings' | 'overview' | 'kpis' | 'kpisCsv'
>;

/** The security-findings backend's client. */
export const securityFindingsApiRef = createApiRef<SecurityFindingsApi>({
  id: 'plugin.security-findings.api',
});
