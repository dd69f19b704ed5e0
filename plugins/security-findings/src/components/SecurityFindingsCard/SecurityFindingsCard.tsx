import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import {
  Alert,
  Card,
  CardBody,
  CardHeader,
  Flex,
  Link,
  Text,
} from '@backstage/ui';
import { LoadFailure } from '@integrated-ops/plugin-integrated-ops-react';
import {
  DISCIPLINE_TITLES,
  formatDay,
} from '@integrated-ops/plugin-integrated-ops-common';
import type { FindingView } from '@integrated-ops/plugin-security-findings-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { securityFindingsApiRef } from '../../api';
import { CELL } from '../shared/TeamFindingsTable';
import { dueWords } from './dueWords';
import { SeverityCounts } from './SeverityCounts';

/** Rows shown on the card; the rest are counted. */
const SHOWN = 8;

const SLA_WORDS: Record<FindingView['slaState'], string> = {
  breached: 'past its SLA',
  'due-soon': 'due soon',
  within: 'within its SLA',
  none: 'no SLA clock',
};

/**
 * The open security findings of the component on the page: how many of
 * each severity, how many are past their SLA and the oldest due date, then
 * the soonest due, each with its owning discipline and team. Scanner text
 * is rendered as text, links only http(s) (the backend keeps no others).
 */
export function SecurityFindingsCard() {
  const { entity } = useEntity();
  const ref = stringifyEntityRef(entity);
  const api = useApi(securityFindingsApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listFindings({ entity: ref, limit: SHOWN }),
    [api, ref],
  );

  let content;
  if (loading && !value) {
    content = <Progress />;
  } else if (error) {
    content = <LoadFailure what="Findings" error={error} onRetry={retry} />;
  } else if (value && value.total === 0) {
    content = (
      <Text as="p">
        No open findings: every scanner that reported on this component found
        nothing, or none has reported yet.
      </Text>
    );
  } else if (value) {
    const now = new Date(value.generatedAt);
    const { summary } = value;
    content = (
      <Flex direction="column" gap="3">
        <SeverityCounts counts={summary.bySeverity} />
        {summary.accepted > 0 && (
          <Text as="p" variant="body-small">
            {summary.accepted} with risk accepted through a change request (not
            counted as past SLA while it holds).
          </Text>
        )}
        {summary.breached > 0 ? (
          <Alert
            status="danger"
            icon
            title={`${summary.breached} open ${
              summary.breached === 1 ? 'finding is' : 'findings are'
            } past ${summary.breached === 1 ? 'its' : 'their'} SLA${
              summary.oldestDue
                ? `; the oldest was due ${formatDay(summary.oldestDue)}`
                : ''
            }.`}
          />
        ) : (
          summary.oldestDue && (
            <Text as="p">
              Next due {formatDay(summary.oldestDue)} (
              {dueWords(summary.oldestDue, now)}).
            </Text>
          )
        )}
        <table
          aria-label="Open findings, soonest due first"
          style={{ borderCollapse: 'collapse', width: '100%' }}
        >
          <thead>
            <tr>
              <th scope="col" align="left" style={CELL}>
                Severity
              </th>
              <th scope="col" align="left" style={CELL}>
                Finding
              </th>
              <th scope="col" align="left" style={CELL}>
                Owner
              </th>
              <th scope="col" align="left" style={CELL}>
                Due
              </th>
            </tr>
          </thead>
          <tbody>
            {value.items.map(f => (
              <FindingRow key={f.id} finding={f} now={now} />
            ))}
          </tbody>
        </table>
        {value.total > value.items.length && (
          <Text as="p" variant="body-small">
            and {value.total - value.items.length} more, due later.
          </Text>
        )}
      </Flex>
    );
  }
  return (
    <Card>
      <CardHeader>
        <Text as="h2" variant="title-x-small">
          Security findings
        </Text>
      </CardHeader>
      <CardBody>{content}</CardBody>
    </Card>
  );
}

/**
 * The risk-acceptance template with the component and finding filled in:
 * accepting a risk is a change request, judged by the policy and approved
 * by the owners (templates/risk-acceptance).
 */
function acceptRiskHref(finding: FindingView): string {
  const formData = JSON.stringify({
    component: finding.entityRef,
    finding: finding.id,
  });
  return `/create/templates/default/risk-acceptance?formData=${encodeURIComponent(
    formData,
  )}`;
}

/** The package and version, or the file and line, a finding is about. */
function whereOf(finding: FindingView): string | undefined {
  const { vulnerability: v, location: l } = finding;
  if (v) {
    const fixed = v.fixedVersion ? ` (fixed in ${v.fixedVersion})` : '';
    return `${v.packageName} ${v.installedVersion}${fixed}`;
  }
  if (l) return `${l.path}${l.startLine ? `:${l.startLine}` : ''}`;
  return undefined;
}

function FindingRow({ finding, now }: { finding: FindingView; now: Date }) {
  const where = whereOf(finding);
  // The backend keeps only http(s) links; checked again where it is rendered.
  const link = finding.links.find(l => /^https?:\/\//i.test(l));
  return (
    <tr style={{ borderTop: '1px solid var(--bui-border, #ddd)' }}>
      <td style={CELL}>
        <Text weight="bold">{finding.severity.toLocaleUpperCase('en-US')}</Text>
      </td>
      <td style={CELL}>
        {link ? (
          <Link href={link} target="_blank" rel="noopener noreferrer">
            {finding.title}
          </Link>
        ) : (
          <Text>{finding.title}</Text>
        )}
        <Text as="div" variant="body-small" color="secondary">
          {finding.tool}
          {where ? ` · ${where}` : ''}
        </Text>
      </td>
      <td style={CELL}>
        <Text as="div" variant="body-small">
          {DISCIPLINE_TITLES[finding.discipline]}
        </Text>
        {finding.owner ? (
          <EntityRefLink entityRef={finding.owner} defaultKind="group" />
        ) : (
          <Text weight="bold">no owner: goes to the SOC</Text>
        )}
      </td>
      <td style={CELL}>
        <DueCell finding={finding} now={now} />
        {!finding.acceptance && (
          <Text as="div" variant="body-small">
            <Link
              href={acceptRiskHref(finding)}
              // The visible words first: the accessible name must hold them.
              aria-label={`Accept risk… (${finding.title})`}
            >
              Accept risk…
            </Link>
          </Text>
        )}
      </td>
    </tr>
  );
}

/** When a finding is due and where its clock stands, or until when its risk is accepted. */
function DueCell({ finding, now }: { finding: FindingView; now: Date }) {
  if (finding.acceptance) {
    return (
      <>
        <Text as="div">Risk accepted</Text>
        <Text as="div" variant="body-small" color="secondary">
          until {formatDay(finding.acceptance.until)} ·{' '}
          <Link href={`/ops-requests/${finding.acceptance.request}`}>
            request {finding.acceptance.request}
          </Link>
        </Text>
      </>
    );
  }
  if (!finding.dueAt) return <Text color="secondary">{SLA_WORDS.none}</Text>;
  const breached = finding.slaState === 'breached';
  return (
    <>
      <Text as="div">{formatDay(finding.dueAt)}</Text>
      <Text
        as="div"
        variant="body-small"
        // Bold rather than red: red small text fails contrast.
        weight={breached ? 'bold' : 'regular'}
        color={breached ? 'primary' : 'secondary'}
      >
        {dueWords(finding.dueAt, now)} · {SLA_WORDS[finding.slaState]}
      </Text>
    </>
  );
}
