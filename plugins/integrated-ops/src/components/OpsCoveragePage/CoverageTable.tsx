import { CoverageSummary } from '@integrated-ops/plugin-integrated-ops-common';
import { Cell, CellText, ColumnConfig, Table, Text } from '@backstage/ui';
import { ReactNode } from 'react';

type Row = CoverageSummary & { id: string };

/** The numbers behind a coverage chart, lowest coverage first. */
export function CoverageTable(props: {
  title: string;
  keyTitle: string;
  rows: CoverageSummary[];
  renderKey: (key: string) => ReactNode;
}) {
  const columns: ColumnConfig<Row>[] = [
    {
      id: 'key',
      label: props.keyTitle,
      isRowHeader: true,
      cell: r => <Cell>{props.renderKey(r.key)}</Cell>,
    },
    {
      id: 'entities',
      label: 'Entities',
      cell: r => <CellText title={String(r.entities)} />,
    },
    {
      id: 'fullyCovered',
      label: 'Fully covered',
      cell: r => <CellText title={String(r.fullyCovered)} />,
    },
    {
      id: 'percent',
      label: 'Checks passed',
      cell: r => <CellText title={`${r.percent}% (${r.passed}/${r.checks})`} />,
    },
  ];
  const data = [...props.rows]
    .sort((a, b) => a.percent - b.percent || a.key.localeCompare(b.key))
    .map(r => ({ ...r, id: r.key }));
  return (
    <section aria-label={props.title}>
      <Text as="h3" variant="title-x-small">
        {props.title}
      </Text>
      <Table columnConfig={columns} data={data} pagination={{ type: 'none' }} />
    </section>
  );
}
