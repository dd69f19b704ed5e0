import { Alert, Button } from '@backstage/ui';

/**
 * What could not be loaded, why, and a way to ask again: the title says
 * "Findings could not be loaded: (the error's message)", with "Try again".
 *
 * @public
 */
export function LoadFailure(props: {
  /** What failed, as a sentence starts: `Findings`, `The scorecard`. */
  what: string;
  error: Error;
  onRetry: () => void;
}) {
  return (
    <Alert
      status="danger"
      icon
      title={`${props.what} could not be loaded: ${props.error.message}`}
      customActions={
        <Button size="small" variant="secondary" onPress={props.onRetry}>
          Try again
        </Button>
      }
    />
  );
}
