import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  DISCIPLINES,
  LookupMatch,
  LookupResponse,
} from '@integrated-ops/plugin-integrated-ops-common';
import {
  Card,
  CardBody,
  CardHeader,
  Flex,
  Grid,
  Link,
  Text,
} from '@backstage/ui';
import { useHref } from 'react-router-dom';
import { PageButton } from '../Paging/PageButton';
import { DisciplineColumn } from '../shared/DisciplineColumn';
import { RefCaption } from '../shared/RefCaption';
import { SectionCard } from '../shared/SectionCard';
import { CopyWhoToPageButton } from './CopyWhoToPageButton';
import { NextShifts } from './NextShifts';
import { AnsweredMatch } from './answeredMatch';
import { OnCallSummary } from './OnCallSummary';
import { whoToPage } from './whoToPage';

export const REASONS: Record<LookupMatch['matchedBy'], string> = {
  ref: 'entity ref',
  name: 'name',
  title: 'title',
  hostname: 'declared hostname',
  'api-server': 'API server URL',
  address: 'declared address',
  segment: 'network segment (longest prefix)',
  'in-segment': 'declared in the segment',
};

/**
 * The emergency-access template with the answer's entity as the
 * destination: whoever is on call opens time-boxed access, reviewed after.
 */
export const emergencyAccessHref = (destination: string) =>
  `/create/templates/default/emergency-access?formData=${encodeURIComponent(
    JSON.stringify({ destination }),
  )}`;

/** The best match: who to page now, then its three owners with on call, contacts, escalation and runbooks. */
export function LookupAnswer(props: {
  response: LookupResponse;
  match: AnsweredMatch;
}) {
  const { response, match } = props;
  const { entity, owners, runbooks } = match.answer;
  const network = [...entity.hostnames, ...entity.addresses, ...entity.cidrs];
  // The link back to this answer, for the incident channel.
  const answerUrl =
    window.location.origin +
    useHref(`?q=${encodeURIComponent(response.query.q)}`);
  return (
    <Card>
      <CardHeader>
        <Flex direction="column" gap="3">
          <Flex
            justify="between"
            align="center"
            gap="3"
            style={{ flexWrap: 'wrap' }}
          >
            <Flex direction="column" gap="1">
              <Text as="h2" variant="title-small">
                <EntityRefLink entityRef={entity.ref}>
                  {entity.title}
                </EntityRefLink>
              </Text>
              <RefCaption>
                {entity.kind}
                {entity.type ? ` (${entity.type})` : ''} - {entity.ref} -
                matched by {REASONS[match.matchedBy]}
                {match.detail ? ` ${match.detail}` : ''}
              </RefCaption>
            </Flex>
            <Flex gap="2" align="center" style={{ flexWrap: 'wrap' }}>
              {!match.answer.history &&
                ['component', 'resource'].includes(
                  entity.kind.toLocaleLowerCase('en-US'),
                ) && (
                  <Link href={emergencyAccessHref(entity.ref)} standalone>
                    Emergency access…
                  </Link>
                )}
              <CopyWhoToPageButton
                text={whoToPage(response, match, answerUrl)}
              />
            </Flex>
          </Flex>
          <OnCallSummary answer={match.answer} />
        </Flex>
      </CardHeader>
      <CardBody>
        <Grid.Root columns={{ initial: '1', md: '3' }} gap="5">
          {DISCIPLINES.map(d => (
            <Flex key={d} direction="column" gap="3">
              <DisciplineColumn answer={owners[d]} />
              {/* Paging and the next shifts are for now: an answer as of a
                  past moment has neither. */}
              {!match.answer.history && owners[d].team && (
                <NextShifts
                  teamRef={owners[d].team!.ref}
                  teamTitle={owners[d].team!.title}
                />
              )}
              {!match.answer.history && (
                <PageButton
                  entityRef={entity.ref}
                  discipline={d}
                  query={response.query.q}
                />
              )}
            </Flex>
          ))}
        </Grid.Root>
        <Flex direction="column" gap="1" mt="4">
          {runbooks.length > 0 && (
            <Text as="p" variant="body-medium">
              <strong>Runbooks: </strong>
              {runbooks.map((r, i) => (
                <span key={r.url}>
                  {i > 0 && ', '}
                  <Link href={r.url} standalone>
                    {r.title ?? r.url}
                  </Link>
                </span>
              ))}
            </Text>
          )}
          {network.length > 0 && (
            <Text as="p" variant="body-small" color="secondary">
              Network: {network.join(', ')}
              {entity.segment ? ` (segment ${entity.segment})` : ''}
            </Text>
          )}
        </Flex>
      </CardBody>
    </Card>
  );
}

/** Other candidates for an ambiguous query, best first; each opens its own answer. */
export function OtherMatches(props: {
  matches: LookupMatch[];
  onPick: (entityRef: string) => void;
}) {
  if (!props.matches.length) return null;
  return (
    <SectionCard title={`Other matches (${props.matches.length})`}>
      <ol style={{ margin: 0, paddingLeft: 20 }}>
        {props.matches.map(m => (
          <li key={m.entityRef}>
            <Link
              href={`?q=${encodeURIComponent(m.entityRef)}`}
              standalone
              onClick={e => {
                e.preventDefault();
                props.onPick(m.entityRef);
              }}
            >
              {m.summary.entity.title}
            </Link>{' '}
            <Text as="span" variant="body-small" color="secondary">
              {m.entityRef} - {REASONS[m.matchedBy]}
              {m.detail ? ` ${m.detail}` : ''}
            </Text>
          </li>
        ))}
      </ol>
    </SectionCard>
  );
}
