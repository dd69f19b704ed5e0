import { Content, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { formatInstant } from '@integrated-ops/plugin-integrated-ops-common';
import {
  CalendarEntry,
  CalendarEntryKind,
} from '@integrated-ops/plugin-ops-requests-common';
import {
  Badge,
  Button,
  Card,
  CardBody,
  Flex,
  Text,
  TextField,
} from '@backstage/ui';
import { useState } from 'react';
import { opsRequestsApiRef } from '../../api';
import { LoadError } from '../LoadError';
import { useRequestsData } from '../useRequestsData';

const KIND_TITLES: Record<CalendarEntryKind, string> = {
  freeze: 'Freeze',
  maintenance: 'Maintenance window',
  'planned-apply': 'Planned apply',
  expiry: 'Expiry / revocation',
  'review-due': 'Break-glass review due',
  recertification: 'Re-certification',
};

const day = (iso: string) => iso.slice(0, 10);

function Entry(props: { entry: CalendarEntry }) {
  const { entry } = props;
  return (
    <li>
      <Flex gap="2" align="center" style={{ flexWrap: 'wrap' }}>
        <Badge size="small">{KIND_TITLES[entry.kind]}</Badge>
        <Text as="span" variant="body-medium">
          {entry.requestId ? (
            <Link to={`/ops-requests/${entry.requestId}`}>{entry.title}</Link>
          ) : (
            entry.title
          )}
        </Text>
        <Text as="span" variant="body-small" color="secondary">
          {formatInstant(entry.start)}
          {entry.end ? ` to ${formatInstant(entry.end)}` : ''}
          {entry.targets.length ? ` - ${entry.targets.join(', ')}` : ''}
        </Text>
      </Flex>
    </li>
  );
}

/** Freezes first: what stops changes matters more than what is due. */
const KIND_ORDER: CalendarEntryKind[] = [
  'freeze',
  'maintenance',
  'review-due',
  'planned-apply',
  'expiry',
  'recertification',
];

/** A day's re-certifications as one line; each declaration behind "show". */
function Recertifications(props: { entries: CalendarEntry[] }) {
  const { entries } = props;
  return (
    <li>
      <Flex gap="2" align="center" style={{ flexWrap: 'wrap' }}>
        <Badge size="small">{KIND_TITLES.recertification}</Badge>
        <details>
          <summary>
            <Text as="span" variant="body-medium">
              {entries.length} ownership{' '}
              {entries.length === 1 ? 'declaration' : 'declarations'} due
            </Text>
          </summary>
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {entries.map(e => (
              <Entry key={`${e.requestId ?? e.title}-${e.start}`} entry={e} />
            ))}
          </ul>
        </details>
      </Flex>
    </li>
  );
}

/** A day: freezes and changes one per line, re-certifications as one. */
function DayEntries(props: { entries: CalendarEntry[] }) {
  const sorted = [...props.entries].sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind),
  );
  const recertifications = sorted.filter(e => e.kind === 'recertification');
  return (
    <>
      {sorted
        .filter(e => e.kind !== 'recertification')
        .map(e => (
          <Entry
            key={`${e.kind}-${e.requestId ?? e.title}-${e.start}`}
            entry={e}
          />
        ))}
      {recertifications.length > 1 ? (
        <Recertifications entries={recertifications} />
      ) : (
        recertifications.map(e => (
          <Entry
            key={`${e.kind}-${e.requestId ?? e.title}-${e.start}`}
            entry={e}
          />
        ))
      )}
    </>
  );
}

/**
 * The change calendar: freezes, planned applies, expiries and revocations,
 * break-glass reviews and re-certifications of the next 30 days, filtered by
 * team and system, and the same as an iCalendar file.
 */
export function CalendarPage() {
  const api = useApi(opsRequestsApiRef);
  const [team, setTeam] = useState('');
  const [system, setSystem] = useState('');
  const filter = { team: team.trim(), system: system.trim() };
  const { value, loading, error, retry } = useRequestsData(
    a => a.calendar(filter),
    [filter.team, filter.system],
  );
  const download = async () => {
    const blob = await api.calendarIcs(filter);
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = 'change-calendar.ics';
    a.click();
    URL.revokeObjectURL(url);
  };

  let body;
  if (loading && !value) body = <Progress />;
  else if (error) body = <LoadError error={error} onRetry={retry} />;
  else if (value && !value.entries.length) {
    body = <Text as="p">Nothing planned, frozen or due in this range.</Text>;
  } else if (value) {
    const days = [...new Set(value.entries.map(e => day(e.start)))];
    body = (
      <Flex direction="column" gap="3">
        {days.map(d => (
          <Card key={d}>
            <CardBody>
              <Text as="h2" variant="title-x-small">
                {d}
              </Text>
              <ul
                aria-label={`Calendar ${d}`}
                style={{ margin: 0, paddingLeft: 20 }}
              >
                <DayEntries
                  entries={value.entries.filter(e => day(e.start) === d)}
                />
              </ul>
            </CardBody>
          </Card>
        ))}
      </Flex>
    );
  }
  return (
    <Content>
      <main>
        <Flex direction="column" gap="4">
          <Flex justify="between" align="center" style={{ flexWrap: 'wrap' }}>
            <Text as="h1" variant="title-medium">
              Change calendar
            </Text>
            <Button variant="secondary" onPress={download}>
              Download iCalendar (.ics)
            </Button>
          </Flex>
          <Text as="p" variant="body-small" color="secondary">
            The next 30 days: change freezes, maintenance windows, planned
            applies, expiries and revocations, break-glass reviews and
            re-certifications.
          </Text>
          <Flex gap="3" style={{ flexWrap: 'wrap' }}>
            <TextField
              label="Team"
              description="e.g. group:default/netops-dc"
              value={team}
              onChange={setTeam}
            />
            <TextField
              label="System"
              description="e.g. system:default/core-network"
              value={system}
              onChange={setSystem}
            />
          </Flex>
          {body}
        </Flex>
      </main>
    </Content>
  );
}
