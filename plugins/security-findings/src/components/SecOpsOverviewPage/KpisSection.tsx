import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Button, Flex, Text } from '@backstage/ui';
import {
  DISCIPLINE_TITLES,
  formatDay,
} from '@integrated-ops/plugin-integrated-ops-common';
import { useState } from 'react';
import { securityFindingsApiRef } from '../../api';
import {
  downloadBlob,
  LoadFailure,
} from '@integrated-ops/plugin-integrated-ops-react';
import { CELL, NUMBER } from '../shared/TeamFindingsTable';
import { useFindingsApi } from '../shared/useFindingsApi';

const DAYS = 90;

/** Time to fix and SLA breach rate per team, discipline and severity; accepted risks by expiry; CSV. */
export function KpisSection() {
  const api = useApi(securityFindingsApiRef);
  const { value, loading, error, retry } = useFindingsApi(
    a => a.kpis({ days: DAYS }),
    [],
  );
  const [failure, setFailure] = useState<string>();
  if (loading && !value) return <Progress />;
  if (error)
    return <LoadFailure what="Findings" error={error} onRetry={retry} />;
  if (!value) return null;
  const exportCsv = async () => {
    try {
      setFailure(undefined);
      downloadBlob(
        await api.kpisCsv({ days: DAYS }),
        `security-findings-kpis-${DAYS}d.csv`,
      );
    } catch (e) {
      setFailure((e as Error).message);
    }
  };
  return (
    <Flex direction="column" gap="3">
      <Flex justify="between" align="center" style={{ flexWrap: 'wrap' }}>
        <Text as="p" variant="body-small" color="secondary">
          Fixed in the last {value.days} days and open now
          {value.truncated ? ' (the first 200,000 findings only)' : ''}.
        </Text>
        <Button variant="secondary" onPress={exportCsv}>
          Export as CSV
        </Button>
      </Flex>
      {failure && (
        <Text as="p" role="alert">
          CSV export failed: {failure}
        </Text>
      )}
      <table
        aria-label="Time to fix and SLA breach rate by team"
        style={{ borderCollapse: 'collapse', width: '100%' }}
      >
        <thead>
          <tr>
            <th scope="col" align="left" style={CELL}>
              Team
            </th>
            <th scope="col" align="left" style={CELL}>
              Discipline
            </th>
            <th scope="col" align="left" style={CELL}>
              Severity
            </th>
            <th scope="col" style={NUMBER}>
              Fixed
            </th>
            <th scope="col" style={NUMBER}>
              Median time to fix
            </th>
            <th scope="col" style={NUMBER}>
              Open
            </th>
            <th scope="col" style={NUMBER}>
              SLA breach rate
            </th>
          </tr>
        </thead>
        <tbody>
          {value.byTeam.map(r => (
            <tr
              key={`${r.team ?? ''} ${r.discipline} ${r.severity}`}
              style={{ borderTop: '1px solid var(--bui-border, #ddd)' }}
            >
              <td style={CELL}>
                {r.team ? (
                  <EntityRefLink entityRef={r.team} defaultKind="group" />
                ) : (
                  'no owner'
                )}
              </td>
              <td style={CELL}>{DISCIPLINE_TITLES[r.discipline]}</td>
              <td style={CELL}>{r.severity}</td>
              <td style={NUMBER}>{r.fixed}</td>
              <td style={NUMBER}>
                {r.medianHoursToFix === null
                  ? '–'
                  : `${Math.round(r.medianHoursToFix / 24)} d`}
              </td>
              <td style={NUMBER}>{r.open}</td>
              <td style={NUMBER}>
                {r.breachRate === null
                  ? '–'
                  : `${Math.round(r.breachRate * 100)} %`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Text as="h3" variant="body-medium" weight="bold">
        Accepted risks by expiry
      </Text>
      {value.acceptedRisks.length ? (
        <ul aria-label="Accepted risks, soonest ending first">
          {value.acceptedRisks.map(a => (
            <li key={`${a.entityRef} ${a.findingId}`}>
              until {formatDay(a.until)}: {a.severity} “{a.title}” on{' '}
              <EntityRefLink entityRef={a.entityRef} /> (request {a.request})
            </li>
          ))}
        </ul>
      ) : (
        <Text as="p">No risk is accepted now.</Text>
      )}
    </Flex>
  );
}
