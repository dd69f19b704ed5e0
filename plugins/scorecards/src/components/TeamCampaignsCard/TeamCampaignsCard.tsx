import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Card, CardBody, CardHeader, Flex, Link, Text } from '@backstage/ui';
import { LoadFailure } from '@integrated-ops/plugin-integrated-ops-react';
import type { Campaign } from '@integrated-ops/plugin-scorecards-common';
import { targetWords } from '../campaignWords';
import { useScorecardsApi } from '../CampaignsPage/useScorecardsApi';
import { campaignsRouteRef } from '../../routes';
import { teamStanding } from './teamStanding';

/** How many entities are below the target, and the team's rank among the owning teams. */
function standingWords(campaign: Campaign, team: string): string {
  const s = teamStanding(campaign, team);
  if (!s) return 'No entity of this team in the campaign.';
  const below = s.below
    ? `${s.below} of ${s.total} below the target`
    : `all ${s.total} at the target`;
  return `${below}; rank ${s.rank} of ${s.of} teams.`;
}

/**
 * A team page's campaigns: for each, how many of the team's entities are
 * below the target and the team's rank among the owning teams.
 */
export function TeamCampaignsCard() {
  const { entity } = useEntity();
  const team = stringifyEntityRef(entity);
  const campaignsPath = useRouteRef(campaignsRouteRef)?.() ?? '';
  const { value, loading, error, retry } = useScorecardsApi(async api => {
    const list = await api.campaigns();
    return Promise.all(list.map(c => api.campaign(c.id)));
  }, []);
  let content;
  if (loading && !value) content = <Progress />;
  else if (error)
    content = <LoadFailure what="Campaigns" error={error} onRetry={retry} />;
  else if (!value?.length) content = <Text as="p">No campaigns.</Text>;
  else {
    content = (
      <Flex direction="column" gap="3" role="list" aria-label="Campaigns">
        {value.map(c => (
          <Flex key={c.campaign.id} direction="column" gap="0" role="listitem">
            <Link href={`${campaignsPath}/${c.campaign.id}`}>
              {c.campaign.title}
            </Link>
            <Text as="p" variant="body-small" color="secondary">
              {targetWords(c.campaign)}
            </Text>
            <Text as="p">{standingWords(c, team)}</Text>
          </Flex>
        ))}
      </Flex>
    );
  }
  return (
    <Card>
      <CardHeader>
        <Text as="h2" variant="title-x-small">
          Scorecard campaigns
        </Text>
      </CardHeader>
      <CardBody>{content}</CardBody>
    </Card>
  );
}
