import { Link, Progress } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Alert,
  Card,
  CardBody,
  CardHeader,
  Flex,
  Grid,
  Text,
} from '@backstage/ui';
import {
  ChangeRequestDetail,
  approvingRoleTitle,
} from '@integrated-ops/plugin-ops-requests-common';
import { formatInstant } from '@integrated-ops/plugin-integrated-ops-common';
import { ReactNode } from 'react';
import { useParams } from 'react-router-dom';
import { LoadError } from '../LoadError';
import { useRequestsData } from '../useRequestsData';
import { DecisionButtons } from './DecisionButtons';
import { RecertificationButtons } from './RecertificationButtons';
import { FileListing } from './FileListing';
import { NetworkEffect } from './NetworkEffect';
import { RequestStateBanner } from './RequestStateBanner';
import { RequestStateChip } from './RequestStateChip';
import { EntityTitledText } from './EntityTitledText';
import { TeamPeople } from '../TeamPeople';

/** A titled card; the title is a heading, so pages read well to screen readers. */
function Section(props: {
  title: string;
  subheader?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card>
      <CardHeader>
        <Text as="h3" variant="title-small">
          {props.title}
        </Text>
        {props.subheader && (
          <Text as="p" variant="body-small" color="secondary">
            {props.subheader}
          </Text>
        )}
      </CardHeader>
      <CardBody>{props.children}</CardBody>
    </Card>
  );
}

/** An approval not given: awaited, skipped by break-glass, or never to come. */
function pendingText(request: ChangeRequestDetail): string {
  if (request.breakGlass) {
    return request.state === 'post-review'
      ? 'approval skipped (break-glass): to confirm or revoke'
      : 'approval skipped (break-glass)';
  }
  return request.state === 'pending' ? 'pending' : 'not given';
}

/** Break-glass: who opened it for which incident, until when, and its review. */
function BreakGlassNotice(props: { request: ChangeRequestDetail }) {
  const { breakGlass, state, expiresAt } = props.request;
  const bg = breakGlass!;
  return (
    <Alert
      status={state === 'post-review' ? 'warning' : 'info'}
      icon
      title={`Break-glass access for incident ${bg.incident}`}
      description={`Opened by the on-call of ${
        bg.onCallFor
      } without prior approval; ends ${
        expiresAt ? formatInstant(expiresAt) : 'at its end time'
      }. ${
        state === 'post-review'
          ? `The owning teams confirm or revoke it before ${formatInstant(
              bg.reviewDueAt,
            )}; unconfirmed, it is revoked then.`
          : ''
      } ${bg.notify} was told at once.`}
    />
  );
}

/** One request: what is asked, the change, policy results, approvers and the audit trail. */
export function RequestDetail() {
  const { id = '' } = useParams();
  const { value, loading, error, retry } = useRequestsData(
    api => api.getRequest(id),
    [id],
  );
  if (loading && !value) return <Progress />;
  if (error) return <LoadError error={error} onRetry={retry} />;
  if (!value) return null;
  return (
    <Flex direction="column" gap="4">
      <Flex direction="column" gap="1">
        <Text
          as="h2"
          variant={{ initial: 'title-small', md: 'title-medium' }}
          // Entity refs are long words: let them wrap on a phone.
          style={{ overflowWrap: 'anywhere' }}
        >
          <EntityTitledText text={value.title} withRefs />{' '}
          <RequestStateChip state={value.state} />
        </Text>
        <Text as="p" variant="body-small" color="secondary">
          {value.id} - requested by{' '}
          {value.requestedBy.startsWith('ops-requests:') ? (
            'the portal'
          ) : (
            <EntityRefLink entityRef={value.requestedBy} />
          )}{' '}
          at {formatInstant(value.requestedAt)}
          {value.expiresAt
            ? ` - expires ${formatInstant(value.expiresAt)}`
            : ''}
        </Text>
        <Text as="p">
          <EntityTitledText text={value.description} withRefs />
        </Text>
      </Flex>
      <RequestStateBanner request={value} />
      {value.breakGlass && <BreakGlassNotice request={value} />}
      {value.canDecide &&
        (value.recertification ? (
          <RecertificationButtons request={value} onDecided={retry} />
        ) : (
          <DecisionButtons request={value} onDecided={retry} />
        ))}
      <Grid.Root columns={{ initial: '1', md: '2' }} gap="4">
        <Section title="Approvals">
          <ul aria-label="Approvals">
            {value.requiredApprovals.map(d => {
              const approval = value.approvals.find(a => a.discipline === d);
              return (
                <li key={d}>
                  {approvingRoleTitle(d)}:{' '}
                  {value.approvers[d] ? (
                    <TeamPeople team={value.approvers[d]!} />
                  ) : (
                    'no owner'
                  )}{' '}
                  {approval ? (
                    <>
                      approved by{' '}
                      <EntityRefLink entityRef={approval.decidedBy} /> at{' '}
                      {formatInstant(approval.decidedAt)}
                    </>
                  ) : (
                    pendingText(value)
                  )}
                </li>
              );
            })}
          </ul>
          <Text as="p" variant="body-small">
            Targets:{' '}
            {value.targets.map((t, i) => (
              <span key={t}>
                {i > 0 && ', '}
                <EntityRefLink entityRef={t} />
              </span>
            ))}
          </Text>
        </Section>
        <Section title={`Policy ${value.policy.version}`}>
          {value.recertification && (
            <Text as="p" variant="body-small">
              Not judged by the policy: a re-certification changes nothing. The
              policy sets how long a confirmation holds.
            </Text>
          )}
          <ul aria-label="Policy results">
            {value.policy.results.map(r => (
              <li key={r.rule}>
                {r.passed ? 'PASS' : 'FAIL'} {r.rule}: {r.message}
              </li>
            ))}
          </ul>
        </Section>
      </Grid.Root>
      {value.kind === 'network-access' && (
        <Section title="Network effect">
          <NetworkEffect connectivity={value.connectivity} />
        </Section>
      )}
      {value.change.commit && (
        <Section
          title="The change"
          subheader={
            <>
              {value.change.provider} - branch {value.change.branch} - reviewed
              commit {value.change.commit.slice(0, 12)} (the only commit an
              approval merges; files read from git) -{' '}
              {value.change.url.startsWith('http') ? (
                <Link to={value.change.url}>{value.change.url}</Link>
              ) : (
                value.change.url
              )}
            </>
          }
        >
          {Object.entries(value.change.files).map(([path, content]) => (
            <FileListing key={path} path={path} content={content} />
          ))}
        </Section>
      )}
      <Section title="Audit trail">
        <ol aria-label="Audit trail">
          {value.audit.map(e => (
            <li key={e.id}>
              {formatInstant(e.at)} {e.actor} {e.action}
              {e.fromState || e.toState
                ? ` (${e.fromState ?? ''} -> ${e.toState ?? ''})`
                : ''}
              {e.reason ? `: ${e.reason}` : ''}
            </li>
          ))}
        </ol>
      </Section>
    </Flex>
  );
}
