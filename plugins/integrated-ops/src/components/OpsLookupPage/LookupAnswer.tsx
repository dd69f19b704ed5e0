import { InfoCard, Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  DISCIPLINES,
  LookupMatch,
  LookupResponse,
} from '@internal/plugin-integrated-ops-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { DisciplineColumn } from '../shared/DisciplineColumn';
import { CopyWhoToPageButton } from './CopyWhoToPageButton';
import { whoToPage } from './whoToPage';

const REASONS: Record<LookupMatch['matchedBy'], string> = {
  ref: 'entity ref',
  name: 'name',
  title: 'title',
  hostname: 'declared hostname',
  'api-server': 'API server URL',
  address: 'declared address',
  segment: 'network segment (longest prefix)',
  'in-segment': 'declared in the segment',
};

/** The best match: the entity, its three owners with on call now, contacts, escalation and runbooks. */
export function LookupAnswer(props: {
  response: LookupResponse;
  match: LookupMatch;
}) {
  const { response, match } = props;
  const { entity, owners, runbooks } = match.answer;
  const network = [...entity.hostnames, ...entity.addresses, ...entity.cidrs];
  return (
    <InfoCard
      title={
        <Box display="flex" alignItems="center" style={{ gap: 16 }}>
          <span>
            <EntityRefLink entityRef={entity.ref}>{entity.title}</EntityRefLink>
          </span>
          <CopyWhoToPageButton text={whoToPage(response, match)} />
        </Box>
      }
      subheader={`${entity.kind}${entity.type ? ` (${entity.type})` : ''} - ${
        entity.ref
      } - matched by ${REASONS[match.matchedBy]}${
        match.detail ? ` ${match.detail}` : ''
      }`}
    >
      <Grid container spacing={3}>
        {DISCIPLINES.map(d => (
          <Grid item xs={12} md={4} key={d}>
            <DisciplineColumn answer={owners[d]} />
          </Grid>
        ))}
      </Grid>
      <Box mt={2}>
        {runbooks.length > 0 && (
          <Typography variant="body2" component="div">
            <strong>Runbooks: </strong>
            {runbooks.map((r, i) => (
              <span key={r.url}>
                {i > 0 && ', '}
                <Link to={r.url}>{r.title ?? r.url}</Link>
              </span>
            ))}
          </Typography>
        )}
        {network.length > 0 && (
          <Typography variant="body2" color="textSecondary">
            Network: {network.join(', ')}
            {entity.segment ? ` (segment ${entity.segment})` : ''}
          </Typography>
        )}
      </Box>
    </InfoCard>
  );
}

/** Other candidates for an ambiguous query, best first; each opens its own answer. */
export function OtherMatches(props: {
  matches: LookupMatch[];
  onPick: (entityRef: string) => void;
}) {
  if (!props.matches.length) return null;
  return (
    <InfoCard title={`Other matches (${props.matches.length})`}>
      <ol style={{ margin: 0, paddingLeft: 20 }}>
        {props.matches.map(m => (
          <li key={m.entityRef}>
            <Link
              to={`?q=${encodeURIComponent(m.entityRef)}`}
              onClick={e => {
                e.preventDefault();
                props.onPick(m.entityRef);
              }}
            >
              {m.answer.entity.title}
            </Link>{' '}
            <Typography variant="caption" color="textSecondary">
              {m.entityRef} - {REASONS[m.matchedBy]}
              {m.detail ? ` ${m.detail}` : ''}
            </Typography>
          </li>
        ))}
      </ol>
    </InfoCard>
  );
}
