import {
  CodeSnippet,
  InfoCard,
  Link,
  Progress,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { DISCIPLINE_TITLES } from '@internal/plugin-integrated-ops-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useParams } from 'react-router-dom';
import { LoadError } from '../LoadError';
import { useRequestsData } from '../useRequestsData';
import { DecisionButtons } from './DecisionButtons';
import { RequestStateChip } from './RequestStateChip';

function language(path: string): string {
  if (path.endsWith('.json')) return 'json';
  return /\.ya?ml$/.test(path) ? 'yaml' : 'text';
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
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Typography variant="h5" component="h2">
          {value.title} <RequestStateChip state={value.state} />
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {value.id} - requested by{' '}
          <EntityRefLink entityRef={value.requestedBy} /> at {value.requestedAt}
          {value.expiresAt ? ` - expires ${value.expiresAt}` : ''}
        </Typography>
        <Typography variant="body1">{value.description}</Typography>
      </Grid>
      {value.canDecide && (
        <Grid item xs={12}>
          <DecisionButtons id={value.id} onDecided={retry} />
        </Grid>
      )}
      <Grid item xs={12} md={6}>
        <InfoCard title="Approvals">
          <ul aria-label="Approvals">
            {value.requiredApprovals.map(d => {
              const approval = value.approvals.find(a => a.discipline === d);
              return (
                <li key={d}>
                  {DISCIPLINE_TITLES[d]}:{' '}
                  {value.approvers[d] ? (
                    <EntityRefLink entityRef={value.approvers[d]!} />
                  ) : (
                    'no owner'
                  )}{' '}
                  {approval
                    ? `approved by ${approval.decidedBy} at ${approval.decidedAt}`
                    : 'pending'}
                </li>
              );
            })}
          </ul>
          <Typography variant="body2">
            Targets:{' '}
            {value.targets.map((t, i) => (
              <span key={t}>
                {i > 0 && ', '}
                <EntityRefLink entityRef={t} />
              </span>
            ))}
          </Typography>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title={`Policy ${value.policy.version}`}>
          <ul aria-label="Policy results">
            {value.policy.results.map(r => (
              <li key={r.rule}>
                {r.passed ? 'PASS' : 'FAIL'} {r.rule}: {r.message}
              </li>
            ))}
          </ul>
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard
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
            <div key={path}>
              <Typography variant="subtitle2">+ {path}</Typography>
              <CodeSnippet
                text={content}
                language={language(path)}
                showLineNumbers
              />
            </div>
          ))}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Audit trail">
          <ol aria-label="Audit trail">
            {value.audit.map(e => (
              <li key={e.id}>
                {e.at} {e.actor} {e.action}
                {e.fromState || e.toState
                  ? ` (${e.fromState ?? ''} -> ${e.toState ?? ''})`
                  : ''}
                {e.reason ? `: ${e.reason}` : ''}
              </li>
            ))}
          </ol>
        </InfoCard>
      </Grid>
    </Grid>
  );
}
