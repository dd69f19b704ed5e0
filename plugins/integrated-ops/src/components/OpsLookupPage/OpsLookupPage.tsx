import { Content, Progress } from '@backstage/core-components';
import { Flex, Link, Text } from '@backstage/ui';
import { parseReachQuery } from '@integrated-ops/plugin-connectivity-common';
import { useSearchParams } from 'react-router-dom';
import { IndexStatusNote } from '../shared/IndexStatusNote';
import { LoadError } from '../shared/LoadError';
import { LookupForm } from '../shared/LookupForm';
import { useOpsData } from '../shared/useOpsData';
import { isAnswered } from './answeredMatch';
import { AnswerSection, AnswerSections } from './AnswerSections';
import { AsOfHistory } from './AsOfHistory';
import { BlastRadiusPanel } from './BlastRadiusPanel';
import { LookupAnswer, OtherMatches } from './LookupAnswer';
import { NoMatchAnswer } from './NoMatchAnswer';
import { PageFromLink } from '../Paging/PageFromLink';
import { IncidentFromLink } from '../Incidents/IncidentFromLink';
import { ReachResult } from './ReachResult';
import { useTabTitle } from './useTabTitle';

function LookupResult(props: {
  q: string;
  asOf?: string;
  onPick: (q: string) => void;
  sections: AnswerSection[];
}) {
  const { value, loading, error, retry } = useOpsData(
    api =>
      props.asOf
        ? api.lookup(props.q, { asOf: props.asOf })
        : api.lookup(props.q),
    [props.q, props.asOf],
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
      {isAnswered(best) ? (
        <>
          {best.answer.history && <AsOfHistory history={best.answer.history} />}
          {/* Before the history starts the owners are unknown: no owner
              blocks saying "nobody to page", nothing to copy. */}
          {best.answer.history?.known !== false && (
            <LookupAnswer response={value} match={best} />
          )}
          {/* What other plugins know of it now (not kept over time). */}
          {!props.asOf && (
            <AnswerSections
              sections={props.sections}
              entity={{
                ref: best.entityRef,
                kind: best.answer.entity.kind,
              }}
            />
          )}
          <OtherMatches matches={others} onPick={props.onPick} />
          {props.asOf ? (
            // The dependency graph has no history: what breaks is as it is now.
            <Text as="p" variant="body-small" color="secondary">
              The blast radius is not kept over time:{' '}
              <Link href={`?q=${encodeURIComponent(value.query.q)}`}>
                look up without "as of"
              </Link>{' '}
              for what depends on it now.
            </Text>
          ) : (
            <BlastRadiusPanel entityRef={best.entityRef} />
          )}
        </>
      ) : (
        <NoMatchAnswer
          q={value.query.q}
          help={value.noMatch}
          onPick={props.onPick}
          asOf={props.asOf}
        />
      )}
    </Flex>
  );
}

/**
 * The incident lookup: one box for a name, hostname, URL or IP; the answer
 * is deep-linkable as `?q=` (and `&asOf=` for a past moment, in the review
 * after an incident). A flow (`a -> b:port`, `b:port <- a`) is a reach
 * question for the connectivity backend.
 */
export function OpsLookupPage(props: { sections?: AnswerSection[] }) {
  const [params, setParams] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const asOf = params.get('asOf') ?? undefined;
  // A page's notification links here: the page, then its entity's answer.
  const pageId = params.get('page') ?? undefined;
  // An alert's notification links here: its incident, then the answer.
  const incidentId = params.get('incident') ?? undefined;
  const reach = parseReachQuery(q);
  useTabTitle(q);
  const lookUp = (value: string, when?: string) =>
    setParams(when ? { q: value, asOf: when } : { q: value });

  return (
    <Content>
      <main>
        <Flex direction="column" gap="4">
          <LookupForm
            autoFocusInput
            label="Name, hostname, URL or IP"
            placeholder="e.g. 10.20.3.14, api.pay.bank.example, fraud-scoring-service"
            initial={q}
            initialAsOf={asOf}
            withAsOf
            onLookUp={lookUp}
          />
          {pageId && <PageFromLink id={pageId} />}
          {incidentId && <IncidentFromLink id={incidentId} />}
          {reach && !asOf && <ReachResult query={reach} />}
          {reach && asOf && (
            <Text as="p">
              Reach is answered from main as it is now, not as of a past moment:{' '}
              <Link href={`?q=${encodeURIComponent(q)}`}>ask now</Link>.
            </Text>
          )}
          {!reach && q && (
            <LookupResult
              q={q}
              asOf={asOf}
              onPick={v => lookUp(v, asOf)}
              sections={props.sections ?? []}
            />
          )}
          {!q && !pageId && !incidentId && (
            <Text as="p" color="secondary">
              Paste what the alert gives you: a hostname, an IP, a URL or a
              service name. You get the NetOps, DevOps and SecOps owners, who is
              on call now, how to reach them and what else breaks. Ask whether
              the network lets a flow through with{' '}
              <code>payments-web -&gt; edge-transaction-gateway:8443</code> or{' '}
              <code>10.20.3.14:8443 &lt;- payments-web</code>.
            </Text>
          )}
        </Flex>
      </main>
    </Content>
  );
}
