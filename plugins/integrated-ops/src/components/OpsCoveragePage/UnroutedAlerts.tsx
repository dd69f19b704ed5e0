import { Progress } from '@backstage/core-components';
import { Flex, Text } from '@backstage/ui';
import { LoadError } from '../shared/LoadError';
import { LoudText } from '../shared/LoudText';
import { SectionCard } from '../shared/SectionCard';
import { useOpsData } from '../shared/useOpsData';

const TITLE = 'Alerts without an owner (last 24 h)';

/**
 * Alerts the alert route could not give to an owner: how many, and the
 * labels that failed to match, so someone adds the address or hostname to
 * the catalog (or the owner to the entity).
 */
export function UnroutedAlerts() {
  const { value, loading, error, retry } = useOpsData(
    api => api.unroutedAlerts(),
    [],
  );
  let body;
  if (loading && !value) body = <Progress />;
  else if (error) body = <LoadError error={error} onRetry={retry} />;
  else if (value && !value.count) {
    body = <Text as="p">Every alert found its owner.</Text>;
  } else if (value) {
    body = (
      <Flex direction="column" gap="2">
        <LoudText as="p">
          {value.count} {value.count === 1 ? 'alert' : 'alerts'} went to the
          fallback team
        </LoudText>
        <ul style={{ margin: 0, paddingLeft: 20 }} aria-label="Unrouted alerts">
          {value.recent.map((alert, i) => (
            <li key={`${alert.fingerprint}-${i}`}>
              <Text as="span" variant="body-small">
                <code>
                  {Object.entries(alert.labels)
                    .map(([k, v]) => `${k}=${v}`)
                    .join(' ')}
                </code>
                : {alert.reason}
              </Text>
            </li>
          ))}
        </ul>
      </Flex>
    );
  }
  return <SectionCard title={TITLE}>{body}</SectionCard>;
}
