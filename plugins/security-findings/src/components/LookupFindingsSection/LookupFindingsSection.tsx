import { Progress } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';
import { DISCIPLINE_TITLES } from '@integrated-ops/plugin-integrated-ops-common';
import {
  LoadFailure,
  useLookupAnswerEntity,
} from '@integrated-ops/plugin-integrated-ops-react';
import { useId } from 'react';
import type { FindingView } from '@integrated-ops/plugin-security-findings-common';
import { useFindingsApi } from '../shared/useFindingsApi';
import { dueWords } from '../SecurityFindingsCard/dueWords';

/** Where a finding's SLA clock stands, in words. */
function clockOf(f: FindingView, now: Date): string {
  if (f.acceptance) return 'risk accepted';
  return f.dueAt ? dueWords(f.dueAt, now) : 'no SLA clock';
}

/** Critical and high findings named in the answer; the rest are counted. */
const SHOWN = 5;

/**
 * In the incident lookup's answer for a component: its open critical and
 * high findings now, soonest due first, with the discipline that owns each
 * and its SLA clock - "is this the exploited CVE?" at 3 a.m. Scanner text
 * is rendered as text.
 */
export function LookupFindingsSection() {
  const { ref } = useLookupAnswerEntity();
  const headingId = useId();
  const { value, loading, error, retry } = useFindingsApi(
    api =>
      api.listFindings({
        entity: ref,
        limit: SHOWN,
        severity: ['critical', 'high'],
      }),
    [ref],
  );
  let content;
  if (loading && !value) {
    content = <Progress />;
  } else if (error) {
    content = <LoadFailure what="Findings" error={error} onRetry={retry} />;
  } else if (value) {
    const now = new Date(value.generatedAt);
    const open = Object.values(value.summary.bySeverity).reduce(
      (a, b) => a + b,
      0,
    );
    content = (
      <Flex direction="column" gap="2">
        {value.total === 0 ? (
          <Text as="p">No open critical or high finding.</Text>
        ) : (
          <ul
            aria-label="Open critical and high findings"
            style={{ margin: 0, paddingLeft: '1.2em' }}
          >
            {value.items.map(f => (
              <li key={f.id}>
                <Text weight="bold">
                  {f.severity.toLocaleUpperCase('en-US')}
                </Text>{' '}
                <Text>{f.title}</Text>
                <Text as="div" variant="body-small" color="secondary">
                  {f.tool} · {DISCIPLINE_TITLES[f.discipline]}
                  {f.owner
                    ? ` (${f.owner.replace(/^group:(default\/)?/, '')})`
                    : ''}{' '}
                  · {clockOf(f, now)}
                </Text>
              </li>
            ))}
          </ul>
        )}
        <Text as="p" variant="body-small" color="secondary">
          {value.total > value.items.length
            ? `and ${value.total - value.items.length} more critical or high; `
            : ''}
          {open} open in all, {value.summary.breached} past SLA.
        </Text>
        <Text as="p" variant="body-small">
          {/* Alone in its line: a link inside text must be told apart by more than colour. */}
          <EntityRefLink entityRef={ref}>
            All findings on the component's page
          </EntityRefLink>
        </Text>
      </Flex>
    );
  }
  return (
    <section aria-labelledby={headingId}>
      <Card>
        <CardHeader>
          <Text as="h3" variant="title-x-small" id={headingId}>
            Security findings now: critical and high
          </Text>
        </CardHeader>
        <CardBody>{content}</CardBody>
      </Card>
    </section>
  );
}
