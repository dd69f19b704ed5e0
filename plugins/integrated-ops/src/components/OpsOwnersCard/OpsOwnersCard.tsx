import { Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { DISCIPLINES } from '@integrated-ops/plugin-integrated-ops-common';
import { Alert, Flex, Grid } from '@backstage/ui';
import { DisciplineColumn } from '../shared/DisciplineColumn';
import { IndexStatusNote } from '../shared/IndexStatusNote';
import { LoadError } from '../shared/LoadError';
import { SectionCard } from '../shared/SectionCard';
import { useOpsData } from '../shared/useOpsData';
import { OwnerTimeline } from './OwnerTimeline';

/**
 * NetOps / DevOps / SecOps owners of the entity on the page: team, on call
 * now with their numbers, contacts and escalation; nobody to page is an alert.
 */
export function OpsOwnersCard() {
  const { entity } = useEntity();
  const ref = stringifyEntityRef(entity);
  // A new entity reaches the ownership index on its next refresh: ask again
  // until it is there, as the message below promises.
  const { value, loading, error, retry } = useOpsData(
    api => api.lookup(ref),
    [ref],
    { incomplete: v => !v.matches.some(m => m.entityRef === ref) },
  );

  // The history is extra: without it (none recorded yet, or it failed) the
  // card shows the owners alone.
  const history = useOpsData(api => api.ownershipHistory(ref), [ref]);
  const timeline = history.value;

  let content;
  if (loading && !value) {
    content = <Progress />;
  } else if (error) {
    content = <LoadError error={error} onRetry={retry} />;
  } else {
    // The entity asked for by ref is the best match: the one with the full answer.
    const match = value?.matches.find(m => m.entityRef === ref && m.answer);
    content = match ? (
      <Flex direction="column" gap="4">
        <Grid.Root columns={{ initial: '1', md: '3' }} gap="5">
          {DISCIPLINES.map(d => (
            <DisciplineColumn
              key={d}
              answer={match.answer!.owners[d]}
              ownerSince={
                timeline?.current[d].owner === match.answer!.owners[d].ownerRef
                  ? timeline?.current[d].since
                  : undefined
              }
            />
          ))}
        </Grid.Root>
        {timeline && <OwnerTimeline timeline={timeline} />}
        <IndexStatusNote status={value!.index} />
      </Flex>
    ) : (
      <Alert
        status="info"
        icon
        title={`${ref} is not in the ownership index yet: it was added to the catalog after the last refresh. It appears within a minute.`}
      />
    );
  }
  return <SectionCard title="Ops owners">{content}</SectionCard>;
}
