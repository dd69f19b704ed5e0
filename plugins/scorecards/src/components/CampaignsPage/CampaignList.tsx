import { Progress } from '@backstage/core-components';
import { Card, CardBody, CardHeader, Flex, Link, Text } from '@backstage/ui';
import {
  DISCIPLINE_TITLES,
  formatInstant,
} from '@integrated-ops/plugin-integrated-ops-common';
import { LoadFailure } from '@integrated-ops/plugin-integrated-ops-react';
import type { CampaignSummary } from '@integrated-ops/plugin-scorecards-common';
import { useLocation } from 'react-router-dom';
import { LEVEL_WORDS } from '../levelWords';
import { useScorecardsApi } from './useScorecardsApi';

/** Whole days from today (UTC) to the deadline day: 0 on the day itself. */
export function daysLeft(deadline: string, today = new Date()): number {
  const start = Date.UTC(
    today.getUTCFullYear(),
    today.getUTCMonth(),
    today.getUTCDate(),
  );
  return Math.round((Date.parse(deadline) - start) / 86_400_000);
}

/** "SecOps Silver by 2027-01-31 (55 days left)". */
export function targetWords(c: CampaignSummary, today = new Date()): string {
  const days = daysLeft(c.deadline, today);
  let left = `${days} ${days === 1 ? 'day' : 'days'} left`;
  if (days < 0) {
    left = `${-days} ${days === -1 ? 'day' : 'days'} past the deadline`;
  } else if (days === 0) left = 'the deadline is today';
  return `${DISCIPLINE_TITLES[c.target.discipline]} ${
    LEVEL_WORDS[c.target.level]
  } by ${c.deadline} (${left})`;
}

/** "2 of 5 at the target", or why there is no figure yet. */
export function progressWords(c: CampaignSummary): string {
  if (!c.asOf)
    return 'Not computed yet: the first run is 90 seconds after the backend starts.';
  return `${c.atTarget} of ${c.total} at the target, as of ${formatInstant(
    c.asOf,
  )}${c.truncated ? ' (more entities match than are counted)' : ''}.`;
}

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
