import { RootConfigService } from '@backstage/backend-plugin-api';
import { changePolicyFile } from '@integrated-ops/plugin-ops-requests-node';

/** The plugin's settings (see config.d.ts), with their defaults. */
export interface OpsRequestsOptions {
  /** The change policy file, resolved against the backend's working directory. */
  policyFile: string;
  applyLeaseSeconds: number;
  applyCheckSeconds: number;
  expiryCheckMinutes: number;
  recertifyAfterDays: number;
  ownershipRecertificationCheckMinutes: number;
  /** Minutes between checks of the policy's connectivity invariants on main. */
  invariantCheckMinutes: number;
  lookupSnapshotMinutes: number;
  /** Absent: the publisher's own default. */
  lookupSnapshotMaxRequests?: number;
  /** The portal's address, for links in calendar entries. */
  portalUrl: string;
  /** Plugins whose service tokens may read the whole re-certification report. */
  factReaders: string[];
}

/** Reads `integratedOps.policy` and `integratedOps.requests`. */
export function readOpsRequestsOptions(
  config: RootConfigService,
): OpsRequestsOptions {
  const requestsConfig = config.getOptionalConfig('integratedOps.requests');
  return {
    policyFile: changePolicyFile(config),
    applyLeaseSeconds:
      requestsConfig?.getOptionalNumber('applyLeaseSeconds') ?? 120,
    applyCheckSeconds:
      requestsConfig?.getOptionalNumber('applyCheckSeconds') ?? 60,
    expiryCheckMinutes:
      requestsConfig?.getOptionalNumber('expiryCheckMinutes') ?? 5,
    recertifyAfterDays:
      requestsConfig?.getOptionalNumber('recertifyAfterDays') ?? 60,
    ownershipRecertificationCheckMinutes:
      requestsConfig?.getOptionalNumber(
        'ownershipRecertificationCheckMinutes',
      ) ?? 60,
    invariantCheckMinutes:
      requestsConfig?.getOptionalNumber('invariantCheckMinutes') ?? 24 * 60,
    lookupSnapshotMinutes:
      requestsConfig?.getOptionalNumber('lookupSnapshotMinutes') ?? 60,
    lookupSnapshotMaxRequests: requestsConfig?.getOptionalNumber(
      'lookupSnapshotMaxRequests',
    ),
    portalUrl: config.getOptionalString('app.baseUrl') ?? '',
    factReaders: requestsConfig?.getOptionalStringArray('factReaders') ?? [
      'tech-insights',
    ],
  };
}
