import { Alert, Button } from '@backstage/ui';

/**
 * An error from the backend. A 503 means the ownership index has not been
 * built yet (the portal just started): say so and offer to retry.
 */
export function LoadError(props: { error: Error; onRetry?: () => void }) {
  const { error, onRetry } = props;
  const status = (error as { statusCode?: number }).statusCode;
  const retry = onRetry && (
    <Button size="small" variant="secondary" onPress={onRetry}>
      Retry
    </Button>
  );
  if (status === 503) {
    return (
      <Alert
        status="info"
        icon
        title="The ownership index is still being built from the catalog. Try again in a few seconds."
        customActions={retry}
      />
    );
  }
  return (
    <Alert
      status="danger"
      icon
      role="alert"
      title={
        status === 403
          ? 'You are not allowed to read ownership data'
          : 'The ownership data could not be loaded'
      }
      description={error.message}
      customActions={status === 403 ? undefined : retry}
    />
  );
}
