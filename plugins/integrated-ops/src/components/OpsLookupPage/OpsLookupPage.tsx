import { Content, EmptyState, Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import SearchIcon from '@material-ui/icons/Search';
import { FormEvent, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { IndexStatusNote } from '../shared/IndexStatusNote';
import { LoadError } from '../shared/LoadError';
import { useOpsData } from '../shared/useOpsData';
import { BlastRadiusPanel } from './BlastRadiusPanel';
import { LookupAnswer, OtherMatches } from './LookupAnswer';

function LookupResult(props: { q: string; onPick: (q: string) => void }) {
  const { value, loading, error, retry } = useOpsData(
    api => api.lookup(props.q),
    [props.q],
  );
  if (loading) return <Progress />;
  if (error) return <LoadError error={error} onRetry={retry} />;
  if (!value) return null;
  const [best, ...others] = value.matches;
  return (
    <Grid container spacing={2} direction="column">
      <Grid item>
        <Typography variant="body2">
          Looked up {value.query.interpretedAs}.
        </Typography>
        <IndexStatusNote status={value.index} />
      </Grid>
      {best ? (
        <>
          <Grid item>
            <LookupAnswer response={value} match={best} />
          </Grid>
          <Grid item>
            <OtherMatches matches={others} onPick={props.onPick} />
          </Grid>
          <Grid item>
            <BlastRadiusPanel entityRef={best.entityRef} />
          </Grid>
        </>
      ) : (
        <Grid item>
          <EmptyState
            missing="data"
            title={`Nothing in the catalog matches "${value.query.q}"`}
            description="Try an entity name or ref, a hostname, a URL, an IP address or a CIDR. Entities added in the last minute may not be indexed yet."
          />
        </Grid>
      )}
    </Grid>
  );
}

/**
 * The incident lookup: one box for a name, hostname, URL or IP; the answer
 * is deep-linkable as `?q=`. The box has focus on load; Enter looks up.
 */
export function OpsLookupPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const [input, setInput] = useState(q);
  useEffect(() => setInput(q), [q]);
  // Keyboard-first: whoever opens the page during an incident types at once.
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => inputRef.current?.focus(), []);

  const lookUp = (value: string) => {
    const next = value.trim();
    if (next) setParams({ q: next });
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    lookUp(input);
  };

  return (
    <Content>
      <form onSubmit={onSubmit} role="search">
        <Box display="flex" style={{ gap: 8 }} mb={3}>
          <TextField
            inputRef={inputRef}
            fullWidth
            variant="outlined"
            label="Name, hostname, URL or IP"
            placeholder="e.g. 10.20.3.14, api.pay.bank.example, fraud-scoring-service"
            value={input}
            onChange={e => setInput(e.target.value)}
            inputProps={{ 'aria-label': 'Look up owner of' }}
          />
          <Button
            type="submit"
            variant="contained"
            color="primary"
            startIcon={<SearchIcon />}
          >
            Look up
          </Button>
        </Box>
      </form>
      {q ? (
        <LookupResult q={q} onPick={lookUp} />
      ) : (
        <Typography color="textSecondary">
          Paste what the alert gives you: a hostname, an IP, a URL or a service
          name. You get the NetOps, DevOps and SecOps owners, who is on call
          now, how to reach them and what else breaks.
        </Typography>
      )}
    </Content>
  );
}
