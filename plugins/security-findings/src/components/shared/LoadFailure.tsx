import { Alert, Button } from '@backstage/ui';

/** What failed to load, and a way to ask again. */
export function LoadFailure(props: { error: Error; onRetry: () => void }) {
  return (
    <Alert
      status="danger"
      icon
      title={`Findings could not be loaded: ${props.error.message}`}
      customActions={
        <Button size="small" variant="secondary" onPress={props.onRetry}>
          Try again
        </Button>
      }
    />
  );
}
