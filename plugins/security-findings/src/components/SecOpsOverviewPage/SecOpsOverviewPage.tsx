import { Content, Progress } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Flex, Grid, Text } from '@backstage/ui';
import { formatInstant } from '@integrated-ops/plugin-integrated-ops-common';
import type { FindingsOverview } from '@integrated-ops/plugin-security-findings-common';
import {
  LoadFailure,
  SectionCard,
} from '@integrated-ops/plugin-integrated-ops-react';
import { TeamFindingsTable } from '../shared/TeamFindingsTable';
import { useFindingsApi } from '../shared/useFindingsApi';
import { KpisSection } from './KpisSection';

function Totals({ overview }: { overview: FindingsOverview }) {
  const sum = (k: 'breached' | 'dueThisWeek' | 'critical' | 'accepted') =>
    overview.byTeam.reduce((n, r) => n + r[k], 0);
  const items: Array<[string, number]> = [
    ['Past SLA', sum('breached')],
    ['Due this week', sum('dueThisWeek')],
    ['Critical open', sum('critical')],
    ['Risk accepted', sum('accepted')],
    ['Unrouted reports', overview.unrouted.length],
  ];
  return (
    <Flex gap="6" role="list" aria-label="Totals">
      {items.map(([label, n]) => (
        <Flex key={label} direction="column" gap="0" role="listitem">
          <Text variant="title-small" weight="bold">
            {n}
          </Text>
          <Text variant="body-small" color="secondary">
            {label}
          </Text>
        </Flex>
      ))}
    </Flex>
  );
}

/**
 * Where SecOps looks: open findings past SLA by owning team and
 * discipline, the components worst off, and reports nobody could route
 * (the component they named is not in the catalog), with the label.
 */
export function SecOpsOverviewPage() {
  const { value, loading, error, retry } = useFindingsApi(
    api => api.overview(),
    [],
  );
  let body;
  if (loading && !value) body = <Progress />;
  else if (error)
    body = <LoadFailure what="Findings" error={error} onRetry={retry} />;
  else if (value) {
    body = (
      <Flex direction="column" gap="4">
        <Totals overview={value} />
        <SectionCard title="By owning team and discipline">
          {value.byTeam.length ? (
            <TeamFindingsTable
              rows={value.byTeam}
              label="Open findings by owning team and discipline"
            />
          ) : (
            <Text as="p">No open findings on the components you may read.</Text>
          )}
        </SectionCard>
        <Grid.Root columns={{ initial: '1', lg: '2' }} gap="4">
          <SectionCard title="Components past SLA">
            {value.worstComponents.length ? (
              <ol aria-label="Components with the most findings past SLA">
                {value.worstComponents.map(c => (
                  <li key={c.entityRef}>
                    <EntityRefLink entityRef={c.entityRef} />: {c.breached} past
                    SLA of {c.open} open
                  </li>
                ))}
              </ol>
            ) : (
              <Text as="p">None.</Text>
            )}
          </SectionCard>
          <SectionCard title="Unrouted reports">
            {value.unrouted.length ? (
              <ul aria-label="Reports whose component is not in the catalog">
                {value.unrouted.map(u => (
                  <li key={`${u.label} ${u.tool} ${u.reportedBy}`}>
                    <Text>
                      “{u.label}” from {u.reportedBy} ({u.tool}): {u.count}{' '}
                      {u.count === 1 ? 'report' : 'reports'}, last{' '}
                      {formatInstant(u.lastAt)}
                    </Text>
                  </li>
                ))}
              </ul>
            ) : (
              <Text as="p">
                None: every report named a component of the catalog.
              </Text>
            )}
          </SectionCard>
        </Grid.Root>
        <SectionCard title="Time to fix and SLA breach rate">
          <KpisSection />
        </SectionCard>
        <Text as="p" variant="body-small" color="secondary">
          Counted over the components you may read, as of{' '}
          {formatInstant(value.generatedAt)}.
        </Text>
      </Flex>
    );
  }
  return (
    <Content>
      <main>
        <Flex direction="column" gap="4">
          <Text as="h1" variant="title-medium">
            Security findings
          </Text>
          {body}
        </Flex>
      </main>
    </Content>
  );
}
