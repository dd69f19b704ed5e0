import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Alert, Button, Flex, Text } from '@backstage/ui';
import {
  DISCIPLINE_TITLES,
  formatInstant,
  Incident,
} from '@integrated-ops/plugin-integrated-ops-common';
import { useEffect, useState } from 'react';
import { integratedOpsApiRef } from '../../api';
import { LoadError } from '../shared/LoadError';
import { SectionCard } from '../shared/SectionCard';
import { useOpsData } from '../shared/useOpsData';

function IncidentState(props: { incident: Incident }) {
  const { incident } = props;
  if (incident.acknowledgedAt) {
    return (
      <Alert
        status="success"
        icon
        title={
          <>
            Acknowledged by{' '}
            {incident.acknowledgedBy ? (
              <EntityRefLink entityRef={incident.acknowledgedBy} />
            ) : (
              'someone'
            )}{' '}
            at {formatInstant(incident.acknowledgedAt)}
            {incident.resolvedAt
              ? `, resolved at ${formatInstant(incident.resolvedAt)}`
              : ''}
          </>
        }
      />
    );
  }
  if (incident.resolvedAt) {
    return (
      <Alert
        status="info"
        icon
        title={`Resolved at ${formatInstant(
          incident.resolvedAt,
        )}, before anyone acknowledged it`}
      />
    );
  }
  return <Alert status="warning" icon title="Waiting for acknowledgement" />;
}

/**
 * The incident an alert notification links to (`/ops-lookup?incident=<id>`):
 * what fired, for which team, since when, with Acknowledge for the team's
 * members and whoever is on call for it. The answer for what fired is shown
 * below it as for any lookup.
 */
export function IncidentFromLink(props: { id: string }) {
  const api = useApi(integratedOpsApiRef);
  const { value, loading, error, retry } = useOpsData(
    a => a.incident(props.id),
    [props.id],
  );
  const [incident, setIncident] = useState<Incident>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => setIncident(value), [value]);
  if (loading && !incident) return <Progress />;
  if (error) return <LoadError error={error} onRetry={retry} />;
  if (!incident) return null;

  const acknowledge = async () => {
    setBusy(true);
    try {
      setIncident(await api.acknowledgeIncident(incident.id));
      setFailure(undefined);
    } catch (e) {
      setFailure((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const repeats = incident.alerts - 1;
  return (
    <SectionCard title={`Incident: ${incident.alertname ?? 'alert'}`}>
      <Flex direction="column" gap="2" aria-live="polite">
        <Text as="p" variant="body-small" color="secondary">
          {DISCIPLINE_TITLES[incident.discipline]} alert
          {incident.entityRef && (
            <>
              {' '}
              on <EntityRefLink entityRef={incident.entityRef} />
            </>
          )}
          , first at {formatInstant(incident.openedAt)}
          {repeats > 0
            ? `, repeated ${repeats} ${repeats === 1 ? 'time' : 'times'}`
            : ''}
          {incident.team && (
            <>
              {' '}
              - team <EntityRefLink entityRef={incident.team} />
            </>
          )}
          {incident.firstTeam && incident.firstTeam !== incident.team && (
            <>
              {' '}
              (re-routed from <EntityRefLink entityRef={incident.firstTeam} />)
            </>
          )}
        </Text>
        <IncidentState incident={incident} />
        {incident.canAcknowledge && (
          <div>
            <Button variant="primary" onPress={acknowledge} isDisabled={busy}>
              Acknowledge
            </Button>
          </div>
        )}
        {failure && (
          <Text as="p" role="alert" color="danger">
            {failure}
          </Text>
        )}
      </Flex>
    </SectionCard>
  );
}
