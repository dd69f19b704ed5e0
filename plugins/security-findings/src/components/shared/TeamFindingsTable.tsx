import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Text } from '@backstage/ui';
import { DISCIPLINE_TITLES } from '@integrated-ops/plugin-integrated-ops-common';
import type { FindingsOverview } from '@integrated-ops/plugin-security-findings-common';

/** A table cell of this plugin's tables, and one holding a number. */
export const CELL = {
  padding: '6px 12px 6px 0',
  verticalAlign: 'top',
} as const;
export const NUMBER = { ...CELL, textAlign: 'right' } as const;

/** Open findings per owning team and discipline: past SLA, due this week, critical, accepted. */
export function TeamFindingsTable(props: {
  rows: FindingsOverview['byTeam'];
  label: string;
}) {
  return (
    <table
      aria-label={props.label}
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
          <th scope="col" style={NUMBER}>
            Past SLA
          </th>
          <th scope="col" style={NUMBER}>
            Due this week
          </th>
          <th scope="col" style={NUMBER}>
            Critical
          </th>
          <th scope="col" style={NUMBER}>
            Open
          </th>
          <th scope="col" style={NUMBER}>
            Risk accepted
          </th>
          <th scope="col" style={NUMBER}>
            Components
          </th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map(row => (
          <tr
            key={`${row.team ?? ''} ${row.discipline}`}
            style={{ borderTop: '1px solid var(--bui-border, #ddd)' }}
          >
            <td style={CELL}>
              {row.team ? (
                <EntityRefLink entityRef={row.team} defaultKind="group" />
              ) : (
                <Text weight="bold">no owner</Text>
              )}
            </td>
            <td style={CELL}>{DISCIPLINE_TITLES[row.discipline]}</td>
            <td style={NUMBER}>
              <Text weight={row.breached ? 'bold' : 'regular'}>
                {row.breached}
              </Text>
            </td>
            <td style={NUMBER}>{row.dueThisWeek}</td>
            <td style={NUMBER}>{row.critical}</td>
            <td style={NUMBER}>{row.open}</td>
            <td style={NUMBER}>{row.accepted}</td>
            <td style={NUMBER}>{row.components}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
