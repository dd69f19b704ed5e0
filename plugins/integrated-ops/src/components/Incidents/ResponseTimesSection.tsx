import { downloadBlob } from '@integrated-ops/plugin-integrated-ops-react';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Button,
  Cell,
  CellText,
  ColumnConfig,
  Flex,
  Table,
  Text,
} from '@backstage/ui';
import {
  DISCIPLINE_TITLES,
  formatAge,
  ResponseTimes,
} from '@integrated-ops/plugin-integrated-ops-common';
import { useSearchParams } from 'react-router-dom';
import { integratedOpsApiRef } from '../../api';
import { LoadError } from '../shared/LoadError';
import { SectionCard } from '../shared/SectionCard';
import { useOpsData } from '../shared/useOpsData';

const TITLE = 'Response per owning team (alerts the portal routed)';

/** "4 min / 12 min": p50 and p90, or a dash when nothing was measured. */
const pair = (count: number, p50: number, p90: number) =>
  count ? `${formatAge(p50)} / ${formatAge(p90)}` : '-';

type Row = ResponseTimes & { id: string };

function columns(keyTitle: string, team: boolean): ColumnConfig<Row>[] {
  return [
    {
      id: 'key',
      label: keyTitle,
      isRowHeader: true,
      cell: r => (
        <Cell>
          {team ? (
            <EntityRefLink entityRef={r.key} />
          ) : (
            DISCIPLINE_TITLES[r.discipline]
          )}
        </Cell>
      ),
    },
    ...(team
      ? [
          {
            id: 'discipline',
            label: 'Discipline',
            cell: (r: Row) => (
              <CellText title={DISCIPLINE_TITLES[r.discipline]} />
            ),
          },
        ]
      : []),
    {
      id: 'incidents',
      label: 'Incidents',
      cell: r => <CellText title={String(r.incidents)} />,
    },
    {
      id: 'tta',
      label: 'Acknowledged in',
      cell: r => (
        <CellText
          title={pair(r.acknowledged, r.ttaP50Seconds, r.ttaP90Seconds)}
        />
      ),
    },
    {
      id: 'ttr',
      label: 'Resolved in',
      cell: r => (
        <CellText title={pair(r.resolved, r.ttrP50Seconds, r.ttrP90Seconds)} />
      ),
    },
    {
      id: 'open',
      label: 'Open',
      cell: r => <CellText title={String(r.open)} />,
    },
    {
      id: 'reroutedAway',
      label: 'Re-routed away',
      cell: r => <CellText title={String(r.reroutedAway)} />,
    },
  ];
}

/**
 * Time to acknowledge and to resolve per owning team and discipline, from
 * the incidents the alert route recorded (the team as routed then), with
 * re-routes and alerts without an owner. Follows the governance page's team
 * and period (`?team=`, `?days=`); CSV of the same figures.
 */
export function ResponseTimesSection() {
  const api = useApi(integratedOpsApiRef);
  const [params] = useSearchParams();
  const team = params.get('team')?.trim() || undefined;
  const days = Number(params.get('days') ?? '30') || 30;
  const filter = { days, team };
  const { value, loading, error, retry } = useOpsData(
    a => a.responseKpis(filter),
    [days, team],
  );
  const download = async () =>
    downloadBlob(await api.responseKpisCsv(filter), 'ops-response-times.csv');

  let body;
  if (loading && !value) body = <Progress />;
  else if (error) body = <LoadError error={error} onRetry={retry} />;
  else if (value && !value.incidents) {
    body = (
      <Text as="p">
        No alert was routed in the last {days} days
        {team ? ` for ${team}` : ''}.
      </Text>
    );
  } else if (value) {
    body = (
      <Flex direction="column" gap="3">
        <Text as="p" variant="body-small" color="secondary">
          {value.incidents} incidents in the last {days} days; {value.unowned}{' '}
          found no owner (sent to the fallback team or nowhere). Times are the
          median and the 90th percentile (p50 / p90) from the first alert; each
          incident counts for the team it was routed to then, and as re-routed
          away for a team paged first.
          {value.truncated
            ? ' Only the oldest 200,000 incidents are counted.'
            : ''}
        </Text>
        <section aria-label="Response per team">
          <Table
            columnConfig={columns('Team', true)}
            data={value.byTeam.map(t => ({ ...t, id: t.key }))}
            pagination={{ type: 'none' }}
          />
        </section>
        <section aria-label="Response per discipline">
          <Table
            columnConfig={columns('Discipline', false)}
            data={value.byDiscipline.map(t => ({ ...t, id: t.key }))}
            pagination={{ type: 'none' }}
          />
        </section>
      </Flex>
    );
  }
  return (
    <SectionCard
      title={TITLE}
      action={
        <Button variant="secondary" onPress={download}>
          Download response CSV
        </Button>
      }
    >
      {body}
    </SectionCard>
  );
}
