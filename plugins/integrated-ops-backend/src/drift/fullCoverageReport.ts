import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CoverageReport } from '@integrated-ops/plugin-integrated-ops-common';
import { coverageReport } from '../answer/coverageReport';
import { OwnershipHistoryStore } from '../history/OwnershipHistoryStore';
import { whenRemoved } from '../history/whenRemoved';
import { OwnershipIndex } from '../index/OwnershipIndex';
import { ProviderOnCallCache } from '../onCall/ProviderOnCallCache';
import { recertificationDrift } from './recertificationDrift';
import { RecertificationsSource } from './recertificationsSource';
import { teamDrift } from './teamDrift';

/**
 * The coverage report with every kind of drift: from the index (and vendor
 * on-call), owner groups gone since when the history saw them leave, and
 * ownership re-certification as the caller may read it.
 */
export async function fullCoverageReport(input: {
  index: OwnershipIndex;
  credentials: BackstageCredentials;
  now: Date;
  providers?: ProviderOnCallCache;
  history?: OwnershipHistoryStore;
  recertifications?: RecertificationsSource;
}): Promise<CoverageReport> {
  const { index, providers } = input;
  const report = coverageReport(index, { providers });
  const gone = report.drift
    .filter(d => d.kind === 'owner-deleted')
    .map(d => d.team);
  if (gone.length && input.history) {
    const removedAt = await whenRemoved(input.history, gone, input.now);
    report.drift = teamDrift(index, { providers, removedAt });
  }
  if (input.recertifications) {
    try {
      const recert = await input.recertifications(input.credentials);
      report.drift.push(
        ...recertificationDrift(recert.items, recert.periodDays),
      );
      report.recertification = { periodDays: recert.periodDays };
    } catch (error) {
      report.recertification = {
        unavailable: `ownership re-certification could not be read: ${error}`,
      };
    }
  }
  return report;
}
