import { IndexStatus } from '@internal/plugin-integrated-ops-common';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { formatAge } from './formatTime';

/** The index's age, and a warning when the catalog could not be read lately. */
export function IndexStatusNote(props: { status: IndexStatus }) {
  const { status } = props;
  if (status.stale) {
    return (
      <Alert severity="warning" role="alert">
        Stale: the catalog could not be read; this answer is from an index last
        updated {formatAge(status.ageSeconds)} ago.
        {status.lastError ? ` Last error: ${status.lastError}` : ''}
      </Alert>
    );
  }
  return (
    <Typography variant="caption" color="textSecondary">
      Ownership index: {status.entities} entities, updated{' '}
      {formatAge(status.ageSeconds)} ago
    </Typography>
  );
}
