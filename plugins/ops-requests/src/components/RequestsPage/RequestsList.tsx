import { Progress } from '@backstage/core-components';
import {
  EntityRefLink,
  entityPresentationApiRef,
} from '@backstage/plugin-catalog-react';
import { useApiHolder } from '@backstage/core-plugin-api';
import { formatInstant } from '@integrated-ops/plugin-integrated-ops-common';
import {
  ChangeRequest,
  approvingRoleTitle,
} from '@integrated-ops/plugin-ops-requests-common';
import {
  Cell,
  CellText,
  ColumnConfig,
  Flex,
  Link,
  SearchField,
  Tab,
  Table,
  TabList,
  TabPanel,
  Tabs,
  useBreakpoint,
  useTable,
} from '@backstage/ui';
import { useState } from 'react';
import { LoadError } from '../LoadError';
import { useRequestsData } from '../useRequestsData';
import { RequestStateChip } from './RequestStateChip';
import { EntityTitledText, titleParts } from './EntityTitledText';

type View = 'awaiting' | 'mine' | 'all';

const VIEWS: { id: View; title: string }[] = [
  { id: 'awaiting', title: 'Awaiting my approval' },
  { id: 'mine', title: 'Mine' },
  { id: 'all', title: 'All' },
];

const columns: ColumnConfig<ChangeRequest>[] = [
  {
    id: 'title',
    label: 'Request',
    isRowHeader: true,
    cell: r => (
      <Cell>
        <Link href={r.id} standalone>
          <EntityTitledText text={r.title} />
        </Link>
      </Cell>
    ),
  },
  {
    id: 'state',
    label: 'State',
    cell: r => (
      <Cell>
        <RequestStateChip state={r.state} />
      </Cell>
    ),
  },
  {
    id: 'requestedBy',
    label: 'Requested by',
    cell: r => (
      <Cell>
        <EntityRefLink entityRef={r.requestedBy} />
      </Cell>
    ),
  },
  {
    id: 'approvals',
    label: 'Approvals',
    cell: r => (
      <CellText
        title={r.requiredApprovals
          .map(
            d =>
              `${approvingRoleTitle(d)}${
                r.approvals.some(a => a.discipline === d) ? ' ✓' : ''
              }`,
          )
          .join(', ')}
      />
    ),
  },
  {
    id: 'requestedAt',
    label: 'Requested',
    cell: r => <CellText title={formatInstant(r.requestedAt)} />,
  },
  {
    id: 'expiresAt',
    label: 'Expires',
    cell: r => (
      <CellText title={r.expiresAt ? formatInstant(r.expiresAt) : '-'} />
    ),
  },
];

/** On a phone: the request, its state and when; the rest is on the request's page. */
const PHONE_COLUMNS = ['title', 'state', 'requestedAt'];

/** A request matches what its row shows (catalog titles) and its refs. */
const matches = (
  r: ChangeRequest,
  term: string,
  titleOf: (ref: string) => string,
) => {
  const shownTitle = titleParts(r.title)
    .map(p => ('ref' in p ? `${titleOf(p.ref)} ${p.ref}` : p.text))
    .join('');
  return [shownTitle, r.state, r.requestedBy, r.kind, r.id].some(v =>
    v.toLocaleLowerCase('en-US').includes(term.toLocaleLowerCase('en-US')),
  );
};

/** One view's requests, newest first, filterable, 20 a page. */
function RequestsTable(props: { view: View }) {
  // As EntityDisplayName: the catalog's presentation API where the app has
  // one, else the ref.
  const presentation = useApiHolder().get(entityPresentationApiRef);
  const { value, loading, error, retry } = useRequestsData(
    api => api.listRequests(props.view),
    [props.view],
  );
  const { tableProps, search } = useTable<ChangeRequest>({
    mode: 'complete',
    data:
      value &&
      [...value].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt)),
    paginationOptions: { pageSize: 20 },
    searchFn: (rows, term) =>
      rows.filter(r =>
        matches(
          r,
          term,
          ref => presentation?.forEntity(ref).snapshot.primaryTitle ?? ref,
        ),
      ),
  });
  const onPhone = useBreakpoint().down('sm');
  const shown = onPhone
    ? columns.map(c => ({ ...c, isHidden: !PHONE_COLUMNS.includes(c.id) }))
    : columns;
  if (error) return <LoadError error={error} onRetry={retry} />;
  if (loading && !value) return <Progress />;
  return (
    <Flex direction="column" gap="3">
      <SearchField
        label={`Filter ${value?.length ?? 0} change requests`}
        value={search.value}
        onChange={search.onChange}
        style={{ maxWidth: 360 }}
      />
      <Table
        {...tableProps}
        columnConfig={shown}
        emptyState={<div style={{ padding: 16 }}>No change requests here.</div>}
      />
    </Flex>
  );
}

/**
 * Change requests: awaiting my approval, mine, or every one I may see. It
 * opens on what awaits me, or on mine when nothing does.
 */
export function RequestsList() {
  const awaiting = useRequestsData(api => api.listRequests('awaiting'), []);
  const [chosen, setChosen] = useState<View>();
  const view: View | undefined =
    chosen ??
    (awaiting.value && (awaiting.value.length ? 'awaiting' : 'mine')) ??
    (awaiting.error ? 'awaiting' : undefined);
  if (!view) return <Progress />;
  const setView = setChosen;
  return (
    <Tabs selectedKey={view} onSelectionChange={key => setView(key as View)}>
      <TabList aria-label="Which change requests">
        {VIEWS.map(v => (
          <Tab key={v.id} id={v.id}>
            {v.title}
          </Tab>
        ))}
      </TabList>
      {VIEWS.map(v => (
        <TabPanel key={v.id} id={v.id}>
          {view === v.id && <RequestsTable view={v.id} />}
        </TabPanel>
      ))}
    </Tabs>
  );
}
