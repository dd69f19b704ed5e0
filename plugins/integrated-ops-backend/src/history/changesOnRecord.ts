import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ChangeOnRecord } from '@integrated-ops/plugin-integrated-ops-common';
import { ChangesOnRecordStore } from '../opsRequests/ChangesOnRecordStore';
import { requireChangesOnRecordRead } from '../permissions/changesOnRecordPermission';

/** The change requests that named an entity as a target, filed at or before a time, newest first. */
export type ChangesOnRecord = (input: {
  entityRef: string;
  before: string;
  credentials: BackstageCredentials;
}) => Promise<ChangeOnRecord[]>;

/**
 * Reads them from what ops-requests announced on the events service (the
 * lookup never calls it), for callers the changes-on-record read
 * permission lets see them.
 */
export function recordedChanges(options: {
  store: ChangesOnRecordStore;
  permissions: PermissionsService;
}): ChangesOnRecord {
  return async ({ entityRef, before, credentials }) => {
    await requireChangesOnRecordRead(options.permissions, credentials);
    return options.store.list({
      target: entityRef.toLocaleLowerCase('en-US'),
      before,
    });
  };
}
