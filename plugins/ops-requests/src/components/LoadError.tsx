import { Alert, Button } from '@backstage/ui';

/** An error from the backend; a 403 names the permission that was missing. */
export function LoadError(props: { error: Error; onRetry?: () => void }) {
  const { error, onRetry } = props;
  const forbidden = (error as { statusCode?: number }).statusCode === 403;
  return (
    <Alert
      status="danger"
      icon
      title={
        forbidden
          ? 'You are not allowed to read change requests'
          : 'The change requests could not be loaded'
      }
      description={error.message}
      customActions={
        onRetry && (
          <Button size="small" variant="secondary" onPress={onRetry}>
            Retry
          </Button>
        )
      }
    />
  );
}
