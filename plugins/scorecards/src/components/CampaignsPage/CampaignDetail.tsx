import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Button, Flex, Link, Text } from '@backstage/ui';
import {
  downloadBlob,
  LoadFailure,
  SectionCard,
} from '@integrated-ops/plugin-integrated-ops-react';
import type { Campaign } from '@integrated-ops/plugin-scorecards-common';
import { useState } from 'react';
import { useLocation, useParams } from 'react-router-dom';
import { scorecardsApiRef } from '../../api';
import { LEVEL_WORDS } from '../levelWords';
import { BurnDownChart } from './BurnDownChart';
import { progressWords, targetWords } from '../campaignWords';
import { useScorecardsApi } from './useScorecardsApi';

const CELL = { padding: '6px 12px 6px 0', verticalAlign: 'top' } as const;
const NUMBER = { ...CELL, textAlign: 'right' } as const;
const ROW = { borderTop: '1px solid var(--bui-border, #ddd)' } as const;

function TeamsBehind({ teams }: { teams: Campaign['teams'] }) {
  return (
    <table
      aria-label="Teams behind"
      style={{ borderCollapse: 'collapse', width: '100%' }}
    >
      <thead>
        <tr>
          <th scope="col" align="left" style={CELL}>
            Owning team
          </th>
          <th scope="col" style={NUMBER}>
            Below the target
          </th>
          <th scope="col" style={NUMBER}>
            Entities
          </th>
        </tr>
      </thead>
      <tbody>
        {teams.map(t => (
          <tr key={t.team ?? ''} style={ROW}>
            <td style={CELL}>
              {t.team ? (
                <EntityRefLink entityRef={t.team} defaultKind="group" />
              ) : (
                'No owner of this discipline'
              )}
            </td>
            <td style={NUMBER}>{t.below}</td>
            <td style={NUMBER}>{t.total}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Entities({ entities }: { entities: Campaign['entities'] }) {
  return (
    <table
      aria-label="Entities of the campaign"
      style={{ borderCollapse: 'collapse', width: '100%' }}
    >
      <thead>
        <tr>
          <th scope="col" align="left" style={CELL}>
            Entity
          </th>
          <th scope="col" align="left" style={CELL}>
            Owning team
          </th>
          <th scope="col" align="left" style={CELL}>
            Level
          </th>
          <th scope="col" align="left" style={CELL}>
            At the target
          </th>
        </tr>
      </thead>
      <tbody>
        {entities.map(e => (
          <tr key={e.entityRef} style={ROW}>
            <td style={CELL}>
              <EntityRefLink entityRef={e.entityRef} title={e.title} />
            </td>
            <td style={CELL}>
              {e.team ? (
                <EntityRefLink entityRef={e.team} defaultKind="group" />
              ) : (
                'none'
              )}
            </td>
            <td style={CELL}>{LEVEL_WORDS[e.level]}</td>
            <td style={CELL}>{e.atTarget ? 'Yes' : 'No'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ExportCsv({ id }: { id: string }) {
  const api = useApi(scorecardsApiRef);
  const [failure, setFailure] = useState<string>();
  const download = async () => {
    setFailure(undefined);
    try {
      downloadBlob(await api.campaignCsv(id), `campaign-${id}.csv`);
    } catch (e) {
      setFailure((e as Error).message);
    }
  };
  return (
    <Flex gap="2" align="center">
      <Button variant="secondary" onPress={download}>
        Export entities as CSV
      </Button>
      {failure && (
        <Text role="alert" color="danger">
          CSV export failed: {failure}
        </Text>
      )}
    </Flex>
  );
}

/** One campaign: where it stands, the burn-down, the teams behind, every entity. */
export function CampaignDetail() {
  const { id = '' } = useParams();
  const list = useLocation().pathname.replace(/\/[^/]*\/?$/, '');
  const { value, loading, error, retry } = useScorecardsApi(
    api => api.campaign(id),
    [id],
  );
  if (loading && !value) return <Progress />;
  if (error)
    return <LoadFailure what="The campaign" error={error} onRetry={retry} />;
  if (!value) return null;
  const { campaign, days, teams, entities } = value;
  return (
    <Flex direction="column" gap="4">
      <Link href={list}>All campaigns</Link>
      <Text as="h2" variant="title-small">
        {campaign.title}
      </Text>
      {campaign.description && <Text as="p">{campaign.description}</Text>}
      <Text as="p" weight="bold">
        {targetWords(campaign)}
      </Text>
      <Text as="p">{progressWords(campaign)}</Text>
      <SectionCard title="Burn-down">
        {days.length ? (
          <Flex direction="column" gap="2">
            <BurnDownChart days={days} deadline={campaign.deadline} />
            <Text as="p" variant="body-small" color="secondary">
              Entities below the target per day (solid); the dashed line is the
              pace that reaches none below by the deadline.
            </Text>
          </Flex>
        ) : (
          <Text as="p">No day computed yet.</Text>
        )}
      </SectionCard>
      <SectionCard title="Teams behind">
        {teams.length ? (
          <TeamsBehind teams={teams} />
        ) : (
          <Text as="p">No entities you may read.</Text>
        )}
      </SectionCard>
      <SectionCard title="Entities">
        <Flex direction="column" gap="3">
          {entities.length ? (
            <Entities entities={entities} />
          ) : (
            <Text as="p">No entities you may read.</Text>
          )}
          <ExportCsv id={campaign.id} />
        </Flex>
      </SectionCard>
    </Flex>
  );
}
