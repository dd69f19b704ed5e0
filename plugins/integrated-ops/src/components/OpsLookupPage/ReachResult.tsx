import { Progress } from '@backstage/core-components';
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { Alert, Flex, Link, Text } from '@backstage/ui';
import {
  ConnectivityApiClient,
  ReachAnswer,
  ReachQuery,
} from '@integrated-ops/plugin-connectivity-common';
import { formatInstant } from '@integrated-ops/plugin-integrated-ops-common';
import { useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { LoadError } from '../shared/LoadError';
import { SectionCard } from '../shared/SectionCard';

type Rule = ReachAnswer['rules'][number];
type End = ReachAnswer['from'];

/** `component:default/payments-web` → `payments-web`; an address as it is. */
const endName = (end: End) =>
  end.entityRef?.replace(/^[a-z]+:default\//i, '') ?? end.address ?? '';

const ruleText = (rule: Rule) =>
  [
    `${
      rule.side === 'from'
        ? 'egress at the source'
        : 'ingress at the destination'
    }: ${rule.policy.namespace}/${rule.policy.name}`,
    rule.policy.file && `(${rule.policy.file})`,
    rule.expiresAt && rule.expiresAt !== 'never' && `until ${rule.expiresAt}`,
    rule.requestedBy && `asked by ${rule.requestedBy}`,
    rule.changeRequest && `request ${rule.changeRequest}`,
  ]
    .filter(Boolean)
    .join(' ');

/**
 * The network-access template, pre-filled with the flow that was denied:
 * the way from "it is the network" to a reviewed change.
 */
const askHref = (answer: ReachAnswer) => {
  const formData: Record<string, string> = {
    ports: `${answer.port}/${answer.protocol.toLowerCase()}`,
  };
  if (answer.from.entityRef) formData.source = answer.from.entityRef;
  else if (answer.from.address)
    formData.sourceRange = `${answer.from.address}/${
      answer.from.address.includes(':') ? 128 : 32
    }`;
  if (answer.to.entityRef) formData.destination = answer.to.entityRef;
  return `/create/templates/default/network-access-request?formData=${encodeURIComponent(
    JSON.stringify(formData),
  )}`;
};

/**
 * A reach question from the lookup box (`payments-web -> fraud-cases-db:5432`):
 * the connectivity backend's verdict over the NetworkPolicies on the
 * infrastructure repository's main, with the rules that allow it or the side
 * that isolates it, and, when denied, a pre-filled access request.
 */
export function ReachResult(props: { query: ReachQuery }) {
  const { from, to, port } = props.query;
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const client = useMemo(
    () => new ConnectivityApiClient({ discoveryApi, fetchApi }),
    [discoveryApi, fetchApi],
  );
  const { value, loading, error, retry } = useAsyncRetry(
    () => client.reach({ from, to, port }),
    [client, from, to, port],
  );
  if (loading) return <Progress />;
  // A question the backend cannot answer (unknown name, bad port): its words.
  const said = (error as { body?: { error?: { message?: string } } })?.body
    ?.error?.message;
  if (error && said && (error as { statusCode?: number }).statusCode === 400) {
    return (
      <Alert
        status="warning"
        icon
        role="alert"
        title={`Cannot answer "${from} -> ${to}:${port}"`}
        description={said}
      />
    );
  }
  if (error) return <LoadError error={error} onRetry={retry} />;
  if (!value) return null;
  const flow = `${endName(value.from)} -> ${endName(value.to)}: ${
    value.protocol
  } ${value.port}`;
  return (
    <Flex direction="column" gap="4">
      <Alert
        status={value.allowed ? 'success' : 'warning'}
        icon
        title={`${flow} is ${
          value.allowed ? 'allowed' : 'denied'
        } by the network`}
        description={
          value.allowed
            ? 'Allowed on both sides by the NetworkPolicies on main: if it still fails, look past the network policy (the service, its port, DNS, the firewall).'
            : 'A NetworkPolicy on main isolates one side and no rule lets this through.'
        }
      />
      <SectionCard title={value.allowed ? 'Allowed by' : 'Isolated by'}>
        {value.allowed ? (
          <ul aria-label="Allowed by">
            {value.rules.length === 0 && (
              <li>No policy isolates either side: everything is allowed.</li>
            )}
            {value.rules.map(rule => (
              <li
                key={`${rule.side}|${rule.workload}|${rule.policy.namespace}/${rule.policy.name}|${rule.index}`}
              >
                {ruleText(rule)}
              </li>
            ))}
          </ul>
        ) : (
          <Flex direction="column" gap="2">
            <ul aria-label="Isolated by">
              {value.isolatedBy.map(i => (
                <li key={`${i.side}|${i.workload}`}>
                  {i.side === 'from'
                    ? `the source (${i.workload}) for egress`
                    : `the destination (${i.workload}) for ingress`}
                  : {i.policies.map(p => `${p.namespace}/${p.name}`).join(', ')}
                </li>
              ))}
            </ul>
            <Text as="p">
              <Link href={askHref(value)}>Ask for this access</Link> (the
              network-access template, filled in; the owning teams approve).
            </Text>
          </Flex>
        )}
      </SectionCard>
      <Text as="p" variant="body-small" color="secondary">
        From main
        {value.model.commit ? ` at ${value.model.commit.slice(0, 12)}` : ''},
        read {formatInstant(value.model.builtAt)}
        {value.model.problems.length > 0
          ? `; ${value.model.problems.length} file(s) left out as unreadable`
          : ''}
        .
      </Text>
    </Flex>
  );
}
