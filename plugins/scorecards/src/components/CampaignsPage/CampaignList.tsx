import { Progress } from '@backstage/core-components';
import { Card, CardBody, CardHeader, Flex, Link, Text } from '@backstage/ui';
import { LoadFailure } from '@integrated-ops/plugin-integrated-ops-react';
import { useLocation } from 'react-router-dom';
import { progressWords, targetWords } from '../campaignWords';
import { useScorecardsApi } from './useScorecardsApi';

/** Every campaign, soonest deadline first. */
export function CampaignList() {
  // Each campaign's page is below this one, wherever the app mounts it.
  const base = useLocation().pathname.replace(/\/$/, '');
  const { value, loading, error, retry } = useScorecardsApi(
    api => api.campaigns(),
    [],
  );
  if (loading && !value) return <Progress />;
  if (error)
    return <LoadFailure what="Campaigns" error={error} onRetry={retry} />;
  if (!value?.length) {
    return (
      <Text as="p">
        No campaigns. Add one under scorecards.campaigns in app-config.yaml (see
        the scorecards backend's README).
      </Text>
    );
  }
  return (
    <Flex direction="column" gap="4" role="list" aria-label="Campaigns">
      {value.map(c => (
        <Card key={c.id} role="listitem">
          <CardHeader>
            <Text as="h2" variant="title-x-small">
              <Link href={`${base}/${c.id}`}>{c.title}</Link>
            </Text>
          </CardHeader>
          <CardBody>
            <Flex direction="column" gap="1">
              <Text as="p">{targetWords(c)}</Text>
              <Text as="p" variant="body-small" color="secondary">
                {progressWords(c)}
              </Text>
            </Flex>
          </CardBody>
        </Card>
      ))}
    </Flex>
  );
}
