import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import {
  Button,
  Card,
  CardBody,
  CardHeader,
  Flex,
  Link,
  Text,
} from '@backstage/ui';
import { LoadFailure } from '@integrated-ops/plugin-integrated-ops-react';
import {
  accessEndsAt,
  type ConnectionsAnswer,
} from '@integrated-ops/plugin-connectivity-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { connectivityApiRef } from '../../api';

/** Peers listed on the card; the rest are counted. */
const SHOWN = 15;

type Connection = ConnectionsAnswer['items'][number];
type Rule = Connection['rules'][number];
type Direction = 'inbound' | 'outbound';

const TITLES: Record<Direction, string> = {
  inbound: 'Who can reach this',
  outbound: 'What this can reach',
};

/**
 * Until when a rule allows: an access past its end is still allowed by
 * main (its revocation did not land), and says so.
 */
function expiry(expiresAt: string | undefined) {
  const end = accessEndsAt(expiresAt);
  if (end === undefined) return ', no expiry';
  if (end > Date.now()) return `, until ${expiresAt}`;
  return (
    <>
      ,{' '}
      <Text as="strong" variant="body-small" weight="bold">
        expired {expiresAt}, still allowed on main: revoke it
      </Text>
    </>
  );
}

/** One rule: the policy, the request that added it, who asked, until when. */
function RuleLine(props: { rule: Rule }) {
  const { rule } = props;
  const side = rule.side === 'from' ? 'egress at the source' : 'ingress here';
  return (
    <li>
      <Text as="span" variant="body-small">
        {rule.policy.namespace}/{rule.policy.name} ({side}
        {rule.policy.file ? `, ${rule.policy.file}` : ''})
        {rule.changeRequest && (
          <>
            {' '}
            - request{' '}
            <Link
              href={`/ops-requests/${encodeURIComponent(rule.changeRequest)}`}
            >
              {rule.changeRequest}
            </Link>
          </>
        )}
        {rule.requestedBy && (
          <>
            {' '}
            by <EntityRefLink entityRef={rule.requestedBy} />
          </>
        )}
        {expiry(rule.expiresAt)}
      </Text>
    </li>
  );
}

function Peer(props: { item: Connection }) {
  const { peer, connections, rules } = props.item;
  return (
    <li>
      <Flex direction="column" gap="1">
        <Text as="span">
          {peer.entityRef ? (
            <EntityRefLink entityRef={peer.entityRef} />
          ) : (
            <code>{peer.address}</code>
          )}{' '}
          - <code>{connections}</code>
        </Text>
        {rules.length ? (
          <ul style={{ margin: 0, paddingLeft: 20 }} aria-label="Allowed by">
            {rules.map(rule => (
              <RuleLine
                key={`${rule.side}-${rule.policy.namespace}/${rule.policy.name}-${rule.index}`}
                rule={rule}
              />
            ))}
          </ul>
        ) : (
          <Text as="span" variant="body-small" color="secondary">
            No policy isolates this path: allowed by default.
          </Text>
        )}
      </Flex>
    </li>
  );
}

/**
 * Who can reach the entity on the page, and on what (or what it can
 * reach), from the NetworkPolicies on the infrastructure repository's main:
 * each peer with the rules that allow it, the change request that added
 * each, who asked and until when. Only peers the viewer may read in the
 * catalog are listed (the backend filters).
 */
export function WhoCanReachCard() {
  const { entity } = useEntity();
  const ref = stringifyEntityRef(entity);
  const api = useApi(connectivityApiRef);
  const [direction, setDirection] = useState<Direction>('inbound');
  const { value, loading, error, retry } = useAsyncRetry(
    () => (direction === 'inbound' ? api.inbound(ref) : api.outbound(ref)),
    [api, ref, direction],
  );

  // The backend answers an entity no workload maps to with none.
  const noWorkload = !error && value && !value.entity.workloads.length;
  let content;
  if (loading && !value) {
    content = <Progress />;
  } else if (noWorkload) {
    content = (
      <Text as="p">
        No workload on main maps to this entity (a Component's namespace from{' '}
        <code>backstage.io/kubernetes-namespace</code> or its System, its pods
        by <code>app.kubernetes.io/name</code>; a Resource needs the namespace
        annotation), so the network policies say nothing about it.
      </Text>
    );
  } else if (error) {
    content = <LoadFailure what="Connectivity" error={error} onRetry={retry} />;
  } else if (value && !value.items.length) {
    content = (
      <Text as="p">
        {direction === 'inbound'
          ? 'Nothing can reach it: its policies allow no ingress.'
          : 'It can reach nothing: its policies allow no egress.'}
      </Text>
    );
  } else if (value) {
    const more = value.items.length - SHOWN;
    content = (
      <Flex direction="column" gap="2">
        <ul
          style={{ margin: 0, paddingLeft: 20 }}
          aria-label={TITLES[direction]}
        >
          {value.items.slice(0, SHOWN).map(item => (
            <Peer key={item.peer.entityRef ?? item.peer.address} item={item} />
          ))}
        </ul>
        {(more > 0 || value.truncated) && (
          <Text as="p" variant="body-small" color="secondary">
            {more > 0 ? `And ${more} more. ` : ''}
            {value.truncated
              ? 'More than 200 peers: the first 200 counted.'
              : ''}
          </Text>
        )}
      </Flex>
    );
  }
  const model = value?.model;
  return (
    <Card>
      <CardHeader>
        <Flex justify="between" align="center" style={{ flexWrap: 'wrap' }}>
          <Text as="h2" variant="title-x-small">
            {TITLES[direction]}
          </Text>
          <Flex gap="1">
            {(['inbound', 'outbound'] as const).map(d => (
              <Button
                key={d}
                size="small"
                variant={d === direction ? 'primary' : 'secondary'}
                aria-pressed={d === direction}
                onPress={() => setDirection(d)}
              >
                {d === 'inbound' ? 'Inbound' : 'Outbound'}
              </Button>
            ))}
          </Flex>
        </Flex>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="2">
          {content}
          {model && (
            <Text as="p" variant="body-small" color="secondary">
              From the network policies on main
              {model.commit ? ` at ${model.commit.slice(0, 8)}` : ''}
              {model.problems.length
                ? `; ${model.problems.length} file(s) left out as unreadable`
                : ''}
              .
            </Text>
          )}
        </Flex>
      </CardBody>
    </Card>
  );
}
