import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { opsChangesOnRecordReadPermission } from '@integrated-ops/plugin-integrated-ops-common';

/**
 * Whether the caller may read what ops-requests reported to the lookup
 * (changes on record, re-certification status). ops-requests' own policy
 * decided this when the lookup still read them from it as the caller; the
 * lookup answers from its own records now, so it asks this permission,
 * which the portal's policy grants to the same readers.
 */
export async function requireChangesOnRecordRead(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
): Promise<void> {
  const [decision] = await permissions.authorize(
    [{ permission: opsChangesOnRecordReadPermission }],
    { credentials },
  );
  if (decision.result !== 'ALLOW') {
    throw new NotAllowedError(
      `Not allowed: ${opsChangesOnRecordReadPermission.name}`,
    );
  }
}
