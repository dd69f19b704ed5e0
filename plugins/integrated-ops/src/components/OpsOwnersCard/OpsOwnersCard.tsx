import { InfoCard, Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { DISCIPLINES } from '@internal/plugin-integrated-ops-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Alert from '@material-ui/lab/Alert';
import { DisciplineColumn } from '../shared/DisciplineColumn';
import { IndexStatusNote } from '../shared/IndexStatusNote';
import { LoadError } from '../shared/LoadError';
import { useOpsData } from '../shared/useOpsData';

/**
 * NetOps / DevOps / SecOps owners of the entity on the page: team, on call
 * now, contacts and escalation, marked when inherited or missing.
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

  let content;
  if (loading && !value) {
    content = <Progress />;
  } else if (error) {
    content = <LoadError error={error} onRetry={retry} />;
  } else {
    const match = value?.matches.find(m => m.entityRef === ref);
    content = match ? (
      <>
        <Grid container spacing={3}>
          {DISCIPLINES.map(d => (
            <Grid item xs={12} md={4} key={d}>
              <DisciplineColumn answer={match.answer.owners[d]} />
            </Grid>
          ))}
        </Grid>
        <Box mt={2}>
          <IndexStatusNote status={value!.index} />
        </Box>
      </>
    ) : (
      <Alert severity="info">
        {ref} is not in the ownership index yet: it was added to the catalog
        after the last refresh. It appears within a minute.
      </Alert>
    );
  }
  return <InfoCard title="Ops owners">{content}</InfoCard>;
}
