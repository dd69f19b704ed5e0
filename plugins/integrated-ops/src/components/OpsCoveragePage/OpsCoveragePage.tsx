import {
  Content,
  ContentHeader,
  InfoCard,
  Progress,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { CoverageResponse } from '@internal/plugin-integrated-ops-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import { integratedOpsApiRef } from '../../api';
import { IndexStatusNote } from '../shared/IndexStatusNote';
import { LoadError } from '../shared/LoadError';
import { useOpsData } from '../shared/useOpsData';
import { CoverageChart } from './CoverageChart';
import { CoverageTable } from './CoverageTable';
import { downloadBlob } from './downloadCsv';
import { GapsTable } from './GapsTable';

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
  const alertApi = useApi(alertApiRef);
  const exportCsv = async () => {
    try {
      downloadBlob(await api.coverageCsv(), 'ops-ownership-gaps.csv');
    } catch (e) {
      alertApi.post({
        message: `CSV export failed: ${(e as Error).message}`,
        severity: 'error',
      });
    }
  };
  return (
    <Button variant="outlined" startIcon={<GetAppIcon />} onClick={exportCsv}>
      Export gaps as CSV
    </Button>
  );
}

/** Ownership coverage per system and team, and the list of gaps to fix. */
export function OpsCoveragePage() {
  const { value, loading, error, retry } = useOpsData(
    api => api.coverage(),
    [],
  );

  let body;
  if (loading && !value) body = <Progress />;
  else if (error) body = <LoadError error={error} onRetry={retry} />;
  else if (value) {
    const { overall } = value;
    body = (
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <Typography variant="h4" component="p">
            {overall.percent}% of ownership checks pass
          </Typography>
          <Typography variant="body1">
            {overall.fullyCovered} of {overall.entities} entities are fully
            covered: all three owners declared or inherited, known, reachable
            and on call, with a runbook. {value.gaps.length} entities have gaps.
          </Typography>
          <IndexStatusNote status={value.index} />
        </Grid>
        {groupings(value).map(g => (
          <Grid item xs={12} lg={6} key={g.key}>
            <InfoCard title={g.chartTitle}>
              <CoverageChart
                title={g.chartTitle}
                rows={g.rows}
                labelOf={shortRef}
              />
            </InfoCard>
          </Grid>
        ))}
        <Grid item xs={12}>
          <GapsTable gaps={value.gaps} />
        </Grid>
        {groupings(value).map(g => (
          <Grid item xs={12} lg={6} key={g.key}>
            <CoverageTable
              title={g.tableTitle}
              keyTitle={g.keyTitle}
              rows={g.rows}
              renderKey={renderRef}
            />
          </Grid>
        ))}
      </Grid>
    );
  }
  return (
    <Content>
      <ContentHeader title="Ownership coverage">
        <Box>
          <ExportCsvButton />
        </Box>
      </ContentHeader>
      {body}
    </Content>
  );
}
