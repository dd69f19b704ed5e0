import { ResponseErrorPanel } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';

/**
 * An error from the backend. A 503 means the ownership index has not been
 * built yet (the portal just started): say so and offer to retry.
 */
export function LoadError(props: { error: Error; onRetry?: () => void }) {
  const { error, onRetry } = props;
  const status = (error as { statusCode?: number }).statusCode;
  const retry = onRetry && (
    <Button color="inherit" size="small" onClick={onRetry}>
      Retry
    </Button>
  );
  if (status === 503) {
    return (
      <Alert severity="info" action={retry}>
        The ownership index is still being built from the catalog. Try again in
        a few seconds.
      </Alert>
    );
  }
  if (status === 403) {
    return (
      <Alert severity="error">
        You are not allowed to read ownership data ({error.message}).
      </Alert>
    );
  }
  return (
    <>
      <ResponseErrorPanel error={error} />
      {retry}
    </>
  );
}
