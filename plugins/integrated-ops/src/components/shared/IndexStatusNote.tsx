import { Alert, Text } from '@backstage/ui';
import {
  formatAge,
  IndexStatus,
} from '@integrated-ops/plugin-integrated-ops-common';

/**
 * The index's age; a warning when the catalog could not be read lately, or
 * when the database is unreachable (the answer is from the last index).
 */
export function IndexStatusNote(props: { status: IndexStatus }) {
  const { status } = props;
  if (status.degraded) {
    return (
      <Alert
        status="warning"
        icon
        role="alert"
        title={`Degraded: the portal's database is unreachable since ${new Date(
          status.degraded.since,
        ).toLocaleTimeString()}. These owners and on-call are from the index last updated ${formatAge(
          status.ageSeconds,
        )} ago; history and changes wait until the database is back.`}
        description={`Cause: ${status.degraded.cause}`}
      />
    );
  }
  if (status.stale) {
    return (
      <Alert
        status="warning"
        icon
        role="alert"
        title={`Stale: the catalog could not be read; this answer is from an index last updated ${formatAge(
          status.ageSeconds,
        )} ago.`}
        description={status.lastError && `Last error: ${status.lastError}`}
      />
    );
  }
  return (
    <Text as="p" variant="body-small" color="secondary">
      Ownership index: {status.entities} entities, updated{' '}
      {formatAge(status.ageSeconds)} ago
    </Text>
  );
}
