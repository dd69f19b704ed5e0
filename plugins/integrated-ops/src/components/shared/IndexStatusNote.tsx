import { Alert, Text } from '@backstage/ui';
import { formatAge, IndexStatus } from '@internal/plugin-integrated-ops-common';

/** The index's age, and a warning when the catalog could not be read lately. */
export function IndexStatusNote(props: { status: IndexStatus }) {
  const { status } = props;
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
