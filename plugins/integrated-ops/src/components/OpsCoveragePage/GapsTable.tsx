import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { EntityCoverage } from '@internal/plugin-integrated-ops-common';

const columns: TableColumn<EntityCoverage>[] = [
  {
    title: 'Entity',
    field: 'title',
    render: row => (
      <EntityRefLink entityRef={row.entityRef}>{row.title}</EntityRefLink>
    ),
  },
  { title: 'Kind', field: 'kind' },
  {
    title: 'System',
    field: 'system',
    render: row =>
      row.system ? <EntityRefLink entityRef={row.system} /> : '-',
  },
  {
    title: 'What to fix',
    field: 'gaps',
    width: '50%',
    render: row => (
      <ul style={{ margin: 0, paddingLeft: 16 }}>
        {row.gaps.map(gap => (
          <li key={`${gap.kind}:${gap.discipline ?? ''}`}>{gap.message}</li>
        ))}
      </ul>
    ),
    customFilterAndSearch: (term: string, row: EntityCoverage) =>
      row.gaps.some(g => g.message.toLowerCase().includes(term.toLowerCase())),
  },
  {
    title: 'Checks passed',
    field: 'passed',
    type: 'numeric',
    render: row => `${row.passed}/${row.checks}`,
  },
];

/** Every entity with a gap, most gaps first, each linking to the entity to fix. */
export function GapsTable(props: { gaps: EntityCoverage[] }) {
  return (
    <Table
      title={`Gaps (${props.gaps.length} entities)`}
      options={{
        paging: props.gaps.length > 50,
        pageSize: 50,
        padding: 'dense',
      }}
      columns={columns}
      data={props.gaps}
      emptyContent={
        <div style={{ padding: 16 }}>
          No gaps: every entity has all three owners, reachable and on call, and
          a runbook.
        </div>
      }
    />
  );
}
