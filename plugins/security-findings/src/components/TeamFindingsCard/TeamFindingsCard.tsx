import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Card, CardBody, CardHeader, Text } from '@backstage/ui';
import { LoadFailure } from '@integrated-ops/plugin-integrated-ops-react';
import { TeamFindingsTable } from '../shared/TeamFindingsTable';
import { useFindingsApi } from '../shared/useFindingsApi';

/** A team's open findings, by discipline: past SLA and due this week first. */
export function TeamFindingsCard() {
  const { entity } = useEntity();
  const team = stringifyEntityRef(entity);
  const { value, loading, error, retry } = useFindingsApi(
    api => api.overview({ team }),
    [team],
  );
  let content;
  if (loading && !value) content = <Progress />;
  else if (error)
    content = <LoadFailure what="Findings" error={error} onRetry={retry} />;
  else if (value && value.byTeam.length === 0) {
    content = (
      <Text as="p">
        No open findings routed to this team on the components you may read.
      </Text>
    );
  } else if (value) {
    content = (
      <TeamFindingsTable
        rows={value.byTeam}
        label="This team's open findings by discipline"
      />
    );
  }
  return (
    <Card>
      <CardHeader>
        <Text as="h2" variant="title-x-small">
          Security findings owned
        </Text>
      </CardHeader>
      <CardBody>{content}</CardBody>
    </Card>
  );
}
