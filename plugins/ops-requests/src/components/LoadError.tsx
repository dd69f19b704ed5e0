import { ResponseErrorPanel } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';

/** An error from the backend; a 403 names the permission that was missing. */
export function LoadError(props: { error: Error; onRetry?: () => void }) {
  const { error, onRetry } = props;
  if ((error as { statusCode?: number }).statusCode === 403) {
    return (
      <Alert severity="error">
        You are not allowed to read change requests ({error.message}).
      </Alert>
    );
  }
  return (
    <>
      <ResponseErrorPanel error={error} />
      {onRetry && <Button onClick={onRetry}>Retry</Button>}
    </>
  );
}
