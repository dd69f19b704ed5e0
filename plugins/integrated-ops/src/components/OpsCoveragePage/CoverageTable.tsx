import { Table, TableColumn } from '@backstage/core-components';
import { CoverageSummary } from '@internal/plugin-integrated-ops-common';

/** The numbers behind a coverage chart. */
export function CoverageTable(props: {
  title: string;
  keyTitle: string;
  rows: CoverageSummary[];
  renderKey: (key: string) => React.ReactNode;
}) {
  const columns: TableColumn<CoverageSummary>[] = [
    {
      title: props.keyTitle,
      field: 'key',
      render: r => props.renderKey(r.key),
    },
    { title: 'Entities', field: 'entities', type: 'numeric' },
    { title: 'Fully covered', field: 'fullyCovered', type: 'numeric' },
    {
      title: 'Checks passed',
      field: 'percent',
      type: 'numeric',
      render: r => `${r.percent}% (${r.passed}/${r.checks})`,
      defaultSort: 'asc',
    },
  ];
  return (
    <Table
      title={props.title}
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={props.rows}
    />
  );
}
