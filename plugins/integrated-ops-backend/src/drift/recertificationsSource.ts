import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { RecertificationStatusStore } from '../opsRequests/RecertificationStatusStore';
import { requireChangesOnRecordRead } from '../permissions/changesOnRecordPermission';
import { RecertificationItem } from './recertificationDrift';

/** Where each ownership declaration's re-certification stands (reported by the ops-requests plugin). */
export type RecertificationsSource = (
  credentials: BackstageCredentials,
) => Promise<{ periodDays?: number; items: RecertificationItem[] }>;

/**
 * Reads the newest complete report ops-requests announced on the events
 * service (the lookup never calls it), for callers the changes-on-record
 * read permission lets see it.
 */
export function recordedRecertifications(options: {
  store: RecertificationStatusStore;
  permissions: PermissionsService;
}): RecertificationsSource {
  return async credentials => {
    await requireChangesOnRecordRead(options.permissions, credentials);
    const report = await options.store.current();
    if (!report) {
      throw new Error('ops-requests has not reported it yet');
    }
    return { periodDays: report.periodDays, items: report.items };
  };
}
