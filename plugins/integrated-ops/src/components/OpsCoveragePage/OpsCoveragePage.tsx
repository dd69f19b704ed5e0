import { downloadBlob } from '@integrated-ops/plugin-integrated-ops-react';
import { Content, Progress } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { CoverageResponse } from '@integrated-ops/plugin-integrated-ops-common';
import { Button, Flex, Grid, Text } from '@backstage/ui';
import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { integratedOpsApiRef } from '../../api';
import { IndexStatusNote } from '../shared/IndexStatusNote';
import { LoadError } from '../shared/LoadError';
import { SectionCard } from '../shared/SectionCard';
import { useOpsData } from '../shared/useOpsData';
import { CoverageChart } from './CoverageChart';
import { CoverageTable } from './CoverageTable';
import { GapsByDiscipline } from './GapsByDiscipline';
import { UnroutedAlerts } from './UnroutedAlerts';
import { OwnershipDrift } from './OwnershipDrift';

/** Keys are refs, or "(no system)" for entities outside any system. */
const renderRef = (key: string) =>
  key.startsWith('(') ? key : <EntityRefLink entityRef={key} />;
const shortRef = (key: string) => key.replace(/^[a-z]+:(default\/)?/, '');

/** The two ways the dashboard cuts coverage: per system and per owning team. */
const groupings = (report: CoverageResponse) => [
  {
    key: 'system',
    chartTitle: 'Coverage per system',
    tableTitle: 'Per system',
    keyTitle: 'System',
    rows: report.bySystem,
  },
  {
    key: 'team',
    chartTitle: 'Coverage per owning team',
    tableTitle: 'Per team',
    keyTitle: 'Team',
    rows: report.byTeam,
  },
];

function ExportCsvButton() {
  const api = useApi(integratedOpsApiRef);
  const [failure, setFailure] = useState<string>();
  const exportCsv = async () => {
    try {
      setFailure(undefined);
      downloadBlob(await api.coverageCsv(), 'ops-ownership-gaps.csv');
    } catch (e) {
      setFailure((e as Error).message);
    }
  };
  return (
    <Flex direction="column" gap="1" align="end">
      <Button variant="secondary" onPress={exportCsv}>
        Export gaps as CSV
      </Button>
      {failure && (
        <Text as="p" variant="body-small" role="alert">
          CSV export failed: {failure}
        </Text>
      )}
    </Flex>
  );
}

/** One headline number: entities fully covered; the check count is the detail under it. */
function Headline(props: { report: CoverageResponse }) {
  const { overall, gaps, index } = props.report;
  const percent = overall.entities
    ? Math.round((overall.fullyCovered / overall.entities) * 1000) / 10
    : 100;
  return (
    <Flex direction="column" gap="1">
      <Text as="p" variant="title-large">
        {overall.fullyCovered} of {overall.entities} entities fully covered (
        {percent}%)
      </Text>
      <Text as="p" variant="body-medium">
        Fully covered: all three owners declared or inherited, in the catalog,
        reachable and on call, with a runbook. {gaps.length} entities have gaps;
        {` ${overall.passed} of ${overall.checks}`} ownership checks pass.
      </Text>
      <IndexStatusNote status={index} />
    </Flex>
  );
}

/** Ownership coverage per system and team, and what to fix, by discipline and team to chase. */
export function OpsCoveragePage() {
  const { value, loading, error, retry } = useOpsData(
    api => api.coverage(),
    [],
  );

  let body;
  if (loading && !value) body = <Progress />;
  else if (error) body = <LoadError error={error} onRetry={retry} />;
  else if (value) {
    body = (
      <Flex direction="column" gap="5">
        <Headline report={value} />
        <Grid.Root columns={{ initial: '1', lg: '2' }} gap="4">
          <OwnershipDrift drift={value.drift} />
          <UnroutedAlerts />
        </Grid.Root>
        <Grid.Root columns={{ initial: '1', lg: '2' }} gap="4">
          {groupings(value).map(g => (
            <SectionCard key={g.key} title={g.chartTitle}>
              <CoverageChart
                title={g.chartTitle}
                rows={g.rows}
                labelOf={shortRef}
              />
            </SectionCard>
          ))}
        </Grid.Root>
        <Flex direction="column" gap="3">
          <Text as="h2" variant="title-small">
            What to fix
          </Text>
          <GapsByDiscipline gaps={value.gaps} />
        </Flex>
        <Grid.Root columns={{ initial: '1', lg: '2' }} gap="4">
          {groupings(value).map(g => (
            <CoverageTable
              key={g.key}
              title={g.tableTitle}
              keyTitle={g.keyTitle}
              rows={g.rows}
              renderKey={renderRef}
            />
          ))}
        </Grid.Root>
      </Flex>
    );
  }
  return (
    <Content>
      <main>
        <Flex direction="column" gap="4">
          <Flex justify="between" align="center" style={{ flexWrap: 'wrap' }}>
            <Text as="h1" variant="title-medium">
              Ownership coverage
            </Text>
            <ExportCsvButton />
          </Flex>
          {body}
        </Flex>
      </main>
    </Content>
  );
}
