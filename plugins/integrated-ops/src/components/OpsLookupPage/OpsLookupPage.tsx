import { Content, EmptyState, Progress } from '@backstage/core-components';
import { Button, Flex, Text, TextField } from '@backstage/ui';
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
    <Flex direction="column" gap="4">
      <Flex direction="column" gap="1">
        <Text as="p" variant="body-small">
          Looked up {value.query.interpretedAs}.
        </Text>
        <IndexStatusNote status={value.index} />
      </Flex>
      {best ? (
        <>
          <LookupAnswer response={value} match={best} />
          <OtherMatches matches={others} onPick={props.onPick} />
          <BlastRadiusPanel entityRef={best.entityRef} />
        </>
      ) : (
        <EmptyState
          missing="data"
          title={`Nothing in the catalog matches "${value.query.q}"`}
          description="Try an entity name or ref, a hostname, a URL, an IP address or a CIDR. Entities added in the last minute may not be indexed yet."
        />
      )}
    </Flex>
  );
}

/** The browser tab says what was looked up, so a row of incident tabs reads. */
function useTabTitle(q: string) {
  useEffect(() => {
    const previous = document.title;
    document.title = q ? `${q} - Incident lookup` : 'Incident lookup';
    return () => {
      document.title = previous;
    };
  }, [q]);
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
  useTabTitle(q);
  // Keyboard-first: whoever opens the page during an incident types at once.
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.querySelector('input')?.focus(), []);

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
      <main>
        <Flex direction="column" gap="4">
          <form onSubmit={onSubmit} role="search">
            <Flex gap="2" align="end">
              <div style={{ flex: 1 }} ref={box}>
                <TextField
                  label="Name, hostname, URL or IP"
                  placeholder="e.g. 10.20.3.14, api.pay.bank.example, fraud-scoring-service"
                  value={input}
                  onChange={setInput}
                />
              </div>
              <Button type="submit" variant="primary">
                Look up
              </Button>
            </Flex>
          </form>
          {q ? (
            <LookupResult q={q} onPick={lookUp} />
          ) : (
            <Text as="p" color="secondary">
              Paste what the alert gives you: a hostname, an IP, a URL or a
              service name. You get the NetOps, DevOps and SecOps owners, who is
              on call now, how to reach them and what else breaks.
            </Text>
          )}
        </Flex>
      </main>
    </Content>
  );
}
