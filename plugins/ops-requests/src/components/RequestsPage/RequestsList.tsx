import { Link, Progress, Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { ChangeRequest } from '@internal/plugin-ops-requests-common';
import { Tab, TabList, Tabs } from '@backstage/ui';
import { useState } from 'react';
import { LoadError } from '../LoadError';
import { useRequestsData } from '../useRequestsData';
import { RequestStateChip } from './RequestStateChip';

type View = 'awaiting' | 'mine' | 'all';

const columns: TableColumn<ChangeRequest>[] = [
  {
    title: 'Request',
    field: 'title',
    render: r => <Link to={r.id}>{r.title}</Link>,
  },
  {
    title: 'State',
    field: 'state',
    render: r => <RequestStateChip state={r.state} />,
  },
  {
    title: 'Requested by',
    field: 'requestedBy',
    render: r => <EntityRefLink entityRef={r.requestedBy} />,
  },
  {
    title: 'Approvers',
    render: r =>
      r.requiredApprovals
        .map(
          d => `${d}${r.approvals.some(a => a.discipline === d) ? ' ✓' : ''}`,
        )
        .join(', '),
  },
  { title: 'Requested', field: 'requestedAt', defaultSort: 'desc' },
  { title: 'Expires', field: 'expiresAt' },
];

/** Change requests: awaiting my approval, mine, or every one I may see. */
export function RequestsList() {
  const [view, setView] = useState<View>('awaiting');
  const { value, loading, error, retry } = useRequestsData(
    api => api.listRequests(view),
    [view],
  );
  return (
    <>
      <Tabs selectedKey={view} onSelectionChange={key => setView(key as View)}>
        <TabList aria-label="Which change requests">
          <Tab id="awaiting">Awaiting my approval</Tab>
          <Tab id="mine">Mine</Tab>
          <Tab id="all">All</Tab>
        </TabList>
      </Tabs>
      {loading && <Progress />}
      {error && <LoadError error={error} onRetry={retry} />}
      {value && (
        <Table
          title={`${value.length} change requests`}
          options={{
            paging: value.length > 20,
            pageSize: 20,
            search: true,
            padding: 'dense',
          }}
          columns={columns}
          data={value}
          emptyContent={
            <div style={{ padding: 16 }}>No change requests here.</div>
          }
        />
      )}
    </>
  );
}
