import { LoudText } from '../shared/LoudText';
import { Progress } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  BlastRadiusNode,
  Discipline,
  DISCIPLINE_TITLES,
  DISCIPLINES,
} from '@integrated-ops/plugin-integrated-ops-common';
import {
  Badge,
  Button,
  Card,
  CardBody,
  Flex,
  Grid,
  Select,
  Text,
} from '@backstage/ui';
import { useState } from 'react';
import { LoadError } from '../shared/LoadError';
import { RefCaption } from '../shared/RefCaption';
import { SectionCard } from '../shared/SectionCard';
import { useOpsData } from '../shared/useOpsData';

const DEPTHS = [1, 2, 3, 4, 5, 6].map(n => ({
  id: String(n),
  label: `${n} hop${n > 1 ? 's' : ''}`,
}));

/** One discipline's owner of a dependent: the team and who is on call, or, loud, that nobody can be paged. */
function OwnerLine(props: { node: BlastRadiusNode; discipline: Discipline }) {
  const owner = props.node.answer.owners[props.discipline];
  const onCall = owner.onCall.find(s => s.person)?.person;
  const title = DISCIPLINE_TITLES[props.discipline];
  return (
    <Flex direction="column" gap="1">
      <Text as="span" variant="body-small" weight="bold">
        {title}
      </Text>
      {owner.team && (
        <EntityRefLink entityRef={owner.team.ref}>
          {owner.team.title}
        </EntityRefLink>
      )}
      {owner.noOwner ? (
        <LoudText as="span" variant="body-small">
          {owner.noOwner.reason === 'fallback' && onCall
            ? `fallback owner; on call: ${onCall.name}`
            : `nobody to page${
                owner.noOwner.escalateTo
                  ? ` - call ${owner.noOwner.escalateTo.title}`
                  : ''
              }`}
        </LoudText>
      ) : (
        <Text as="span" variant="body-small">
          on call: {onCall?.name}
        </Text>
      )}
    </Flex>
  );
}

/** Each affected entity as a card: stacked on a phone, four columns on a desktop. */
function NodeCard(props: { node: BlastRadiusNode }) {
  const { node } = props;
  const gaps = DISCIPLINES.filter(d => node.answer.owners[d].noOwner);
  return (
    <li style={{ listStyle: 'none' }}>
      <Card>
        <CardBody>
          <Grid.Root columns={{ initial: '1', md: '4' }} gap="3">
            <Flex direction="column" gap="1">
              <EntityRefLink entityRef={node.entityRef}>
                {node.answer.entity.title}
              </EntityRefLink>
              <RefCaption as="span">via {node.via}</RefCaption>
              {gaps.length > 0 && (
                <Badge size="small">
                  {`no owner to page: ${gaps
                    .map(d => DISCIPLINE_TITLES[d])
                    .join(', ')}`}
                </Badge>
              )}
            </Flex>
            {DISCIPLINES.map(d => (
              <OwnerLine key={d} node={node} discipline={d} />
            ))}
          </Grid.Root>
        </CardBody>
      </Card>
    </li>
  );
}

function HopList(props: { title: string; nodes: BlastRadiusNode[] }) {
  const hops = [...new Set(props.nodes.map(n => n.hop))].sort((a, b) => a - b);
  return (
    <section aria-label={props.title}>
      <Flex direction="column" gap="2">
        <Text as="h3" variant="title-x-small">
          {props.title} ({props.nodes.length})
        </Text>
        {props.nodes.length === 0 && (
          <Text as="p" variant="body-small" color="secondary">
            None in the catalog.
          </Text>
        )}
        {hops.map(hop => (
          <Flex direction="column" gap="2" key={hop}>
            <Text as="h4" variant="body-medium" weight="bold">
              {hop} hop{hop > 1 ? 's' : ''} away
            </Text>
            <ul style={{ margin: 0, padding: 0, display: 'grid', gap: 8 }}>
              {props.nodes
                .filter(n => n.hop === hop)
                .map(node => (
                  <NodeCard key={node.entityRef} node={node} />
                ))}
            </ul>
          </Flex>
        ))}
      </Flex>
    </section>
  );
}

/** A phone-sized window (narrower than @backstage/ui's xs breakpoint). */
const isPhone = () =>
  typeof window.matchMedia === 'function' &&
  window.matchMedia('(max-width: 639px)').matches;

/**
 * What else breaks (dependents) and where the cause may be (dependencies), by
 * hop. On a phone it starts collapsed (the owners to page come first and the
 * page stays short) and is fetched only when opened.
 */
export function BlastRadiusPanel(props: { entityRef: string }) {
  const [open, setOpen] = useState(!isPhone());
  if (!open) {
    return (
      <SectionCard title="Blast radius">
        <Button variant="secondary" onPress={() => setOpen(true)}>
          Show what else breaks
        </Button>
      </SectionCard>
    );
  }
  return <BlastRadiusContent entityRef={props.entityRef} />;
}

function BlastRadiusContent(props: { entityRef: string }) {
  const [depth, setDepth] = useState(3);
  const { value, loading, error, retry } = useOpsData(
    api => api.blastRadius(props.entityRef, depth),
    [props.entityRef, depth],
  );
  let content;
  if (loading && !value) content = <Progress />;
  else if (error) content = <LoadError error={error} onRetry={retry} />;
  else if (value) {
    content = (
      <Flex direction="column" gap="4">
        <HopList
          title="What else breaks (dependents)"
          nodes={value.dependents}
        />
        <HopList
          title="What it depends on (possible causes)"
          nodes={value.dependencies}
        />
      </Flex>
    );
  }
  return (
    <SectionCard
      title="Blast radius"
      action={
        <div style={{ width: 160 }}>
          <Select
            label="Blast radius depth"
            options={DEPTHS}
            selectedKey={String(depth)}
            onSelectionChange={key => setDepth(Number(key))}
          />
        </div>
      }
    >
      {content}
    </SectionCard>
  );
}
