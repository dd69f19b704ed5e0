import { SectionCard } from '@integrated-ops/plugin-integrated-ops-react';
import { Content, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { GovernanceKpis } from '@integrated-ops/plugin-ops-requests-common';
import { Button, Flex, Grid, Select, Text, TextField } from '@backstage/ui';
import { Fragment, ReactNode, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { opsRequestsApiRef } from '../../api';
import { LoadError } from '../LoadError';
import { useRequestsData } from '../useRequestsData';
import { KpiBarChart } from './KpiBarChart';

const PERIODS = [
  { value: '30', label: 'Last 30 days' },
  { value: '90', label: 'Last 90 days' },
  { value: '365', label: 'Last 365 days' },
];

const short = (ref: string) => ref.replace(/^[a-z]+:(default\/)?/, '');

function Figure(props: { label: string; value: ReactNode }) {
  return (
    <Flex direction="column" gap="0">
      <Text as="span" variant="title-small">
        {props.value}
      </Text>
      <Text as="span" variant="body-small" color="secondary">
        {props.label}
      </Text>
    </Flex>
  );
}

function Kpis(props: { kpis: GovernanceKpis }) {
  const { kpis } = props;
  const bg = kpis.breakGlass;
  return (
    <Grid.Root columns={{ initial: '1', lg: '2' }} gap="4">
      <SectionCard title="Time to approve">
        <KpiBarChart
          title="Time to approve per discipline (minutes)"
          rows={kpis.timeToApprove.byDiscipline.map(t => ({ ...t }))}
          labelKey="key"
          series={[
            { key: 'p50Minutes', name: 'p50' },
            { key: 'p90Minutes', name: 'p90' },
          ]}
          unit=" min"
        />
        <KpiBarChart
          title="Time to approve per team (minutes)"
          rows={kpis.timeToApprove.byTeam.map(t => ({
            ...t,
            key: short(t.key),
          }))}
          labelKey="key"
          series={[
            { key: 'p50Minutes', name: 'p50' },
            { key: 'p90Minutes', name: 'p90' },
          ]}
          unit=" min"
        />
      </SectionCard>
      <SectionCard title="Pending requests by age">
        <KpiBarChart
          title="Pending requests by age"
          rows={kpis.pendingByAge.map(p => ({ ...p }))}
          labelKey="bucket"
          series={[{ key: 'count', name: 'requests' }]}
        />
      </SectionCard>
      <SectionCard title="Refusals">
        <Flex direction="column" gap="3">
          <Figure
            label="requests rejected by approvers"
            value={kpis.refusals.rejectedByApprovers}
          />
          <KpiBarChart
            title="Policy refusals per rule"
            rows={kpis.refusals.byRule.map(r => ({ ...r }))}
            labelKey="rule"
            series={[{ key: 'count', name: 'filings refused' }]}
          />
        </Flex>
      </SectionCard>
      <SectionCard title="Break-glass">
        <Flex gap="5" style={{ flexWrap: 'wrap' }}>
          <Figure label="uses" value={bg.uses} />
          <Figure label="confirmed by owners" value={bg.confirmed} />
          <Figure label="revoked by owners" value={bg.revokedByOwners} />
          <Figure label="revoked unreviewed" value={bg.revokedUnreviewed} />
          <Figure label="awaiting review" value={bg.awaitingReview} />
        </Flex>
      </SectionCard>
      <SectionCard title="Grants">
        <Flex gap="5">
          <Figure label="expired before applied" value={kpis.grants.expired} />
          <Figure label="revoked" value={kpis.grants.revoked} />
        </Flex>
      </SectionCard>
      <SectionCard title="Ownership re-certification">
        <Flex direction="column" gap="3">
          <Figure
            label={`of ${kpis.recertification.declarations} ownership declarations confirmed`}
            value={`${kpis.recertification.percent}%`}
          />
          <KpiBarChart
            title="Re-certification per team (% confirmed)"
            rows={kpis.recertification.byTeam.map(t => ({
              ...t,
              team: short(t.team),
            }))}
            labelKey="team"
            series={[{ key: 'percent', name: '% confirmed' }]}
            unit="%"
            domain={[0, 100]}
          />
        </Flex>
      </SectionCard>
      <SectionCard title="Lookups that found no owner (whole portal)">
        {kpis.lookupsWithoutOwner.unavailable ? (
          <Text as="p" variant="body-small">
            Not available: {kpis.lookupsWithoutOwner.unavailable}
          </Text>
        ) : (
          <Flex gap="5">
            <Figure
              label="matched nothing"
              value={kpis.lookupsWithoutOwner.noMatch}
            />
            <Figure
              label="matched an entity without an ops owner"
              value={kpis.lookupsWithoutOwner.noOwner}
            />
          </Flex>
        )}
      </SectionCard>
    </Grid.Root>
  );
}

/**
 * Governance KPIs for the whole portal, a team (`?team=`) or a system
 * (`?system=`): how fast owners approve, what waits, what the policy refuses,
 * break-glass and its review, grants ending, re-certification, lookups that
 * found no owner. Charts, and the same figures as CSV; then the sections
 * other plugins add (response times per team, from integrated-ops).
 */
export function GovernancePage(props: { sections?: ReactNode[] }) {
  const api = useApi(opsRequestsApiRef);
  const [params, setParams] = useSearchParams();
  const team = params.get('team') ?? '';
  const system = params.get('system') ?? '';
  const days = Number(params.get('days') ?? '30');
  const [teamInput, setTeamInput] = useState(team);
  const [systemInput, setSystemInput] = useState(system);
  useEffect(() => setTeamInput(team), [team]);
  useEffect(() => setSystemInput(system), [system]);
  const filter = {
    team: team || undefined,
    system: system || undefined,
    days,
  };
  const { value, loading, error, retry } = useRequestsData(
    a => a.kpis(filter),
    [team, system, days],
  );
  const show = (next: Record<string, string>) =>
    setParams(Object.fromEntries(Object.entries(next).filter(([, v]) => v)));
  const download = async () => {
    const url = URL.createObjectURL(await api.kpisCsv(filter));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'governance-kpis.csv';
    a.click();
    URL.revokeObjectURL(url);
  };

  let body;
  if (loading && !value) body = <Progress />;
  else if (error) body = <LoadError error={error} onRetry={retry} />;
  else if (value) body = <Kpis kpis={value} />;
  return (
    <Content>
      <main>
        <Flex direction="column" gap="4">
          <Flex justify="between" align="center" style={{ flexWrap: 'wrap' }}>
            <Text as="h1" variant="title-medium">
              Governance KPIs
              {team ? `: ${team}` : ''}
              {system ? `: ${system}` : ''}
            </Text>
            <Button variant="secondary" onPress={download}>
              Download CSV
            </Button>
          </Flex>
          <form
            aria-label="KPI scope"
            onSubmit={e => {
              e.preventDefault();
              show({
                team: teamInput.trim(),
                system: teamInput.trim() ? '' : systemInput.trim(),
                days: String(days),
              });
            }}
          >
            <Flex gap="3" align="end" style={{ flexWrap: 'wrap' }}>
              <TextField
                label="Team"
                description="e.g. group:default/netops-dc"
                value={teamInput}
                onChange={setTeamInput}
              />
              <TextField
                label="System"
                description="e.g. system:default/fraud-detection"
                value={systemInput}
                onChange={setSystemInput}
              />
              <Select
                label="Period"
                options={PERIODS}
                selectedKey={String(days)}
                onSelectionChange={key =>
                  show({ team, system, days: String(key) })
                }
              />
              <Button type="submit" variant="primary">
                Show
              </Button>
            </Flex>
          </form>
          {body}
          {props.sections?.map((section, i) => (
            <Fragment key={i}>{section}</Fragment>
          ))}
        </Flex>
      </main>
    </Content>
  );
}
