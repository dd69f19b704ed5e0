import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  DISCIPLINES,
  DISCIPLINE_TITLES,
  NoMatchHelp,
} from '@integrated-ops/plugin-integrated-ops-common';
import { Flex, Link, Text } from '@backstage/ui';
import { NoOwnerAlert } from '../shared/NoOwnerAlert';
import { SectionCard } from '../shared/SectionCard';
import { PageButton } from '../Paging/PageButton';

/**
 * A lookup that matched nothing is not a dead end: whom to call anyway (the
 * portal's incident escalation, as for an entity without an owner), the
 * nearest owned segment or System with its owners and a Page for each, and
 * names near the query.
 */
export function NoMatchAnswer(props: {
  q: string;
  help?: NoMatchHelp;
  onPick: (q: string) => void;
  /** A past moment: nobody is paged from it. */
  asOf?: string;
}) {
  const { help } = props;
  const pick = (ref: string) => ({
    href: `?q=${encodeURIComponent(ref)}`,
    onClick: (e: { preventDefault: () => void }) => {
      e.preventDefault();
      props.onPick(ref);
    },
  });
  return (
    <Flex direction="column" gap="4">
      <NoOwnerAlert
        warning={{
          reason: 'missing',
          message: `Nothing in the catalog matches "${props.q}"`,
          escalateTo: help?.escalateTo,
        }}
      />
      {/* Nothing owns what was asked about, nor anything near it: page the
          incident escalation itself (the backend checks again that nothing
          matches). With a nearest, its owners are paged below. */}
      {help?.escalateTo && !help.nearest && !props.asOf && (
        <PageButton
          escalation={{ title: help.escalateTo.title }}
          query={props.q}
        />
      )}
      {help?.suggestions.length ? (
        <SectionCard title="Did you mean">
          <ol style={{ margin: 0, paddingLeft: 20 }}>
            {help.suggestions.map(s => (
              <li key={s.entityRef}>
                <Link standalone {...pick(s.entityRef)}>
                  {s.title ?? s.text}
                </Link>{' '}
                <Text as="span" variant="body-small" color="secondary">
                  {s.entityRef} - {s.matchedBy} {s.text}
                </Text>
              </li>
            ))}
          </ol>
        </SectionCard>
      ) : null}
      {help?.nearest && (
        <SectionCard title="Nearest in the catalog">
          <Flex direction="column" gap="2">
            <Text as="p">
              <Link standalone {...pick(help.nearest.entityRef)}>
                {help.nearest.summary.entity.title}
              </Link>{' '}
              <Text as="span" variant="body-small" color="secondary">
                {help.nearest.why}
              </Text>
            </Text>
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {DISCIPLINES.map(d => {
                const owner = help.nearest!.summary.owners[d];
                return (
                  <li key={d}>
                    {DISCIPLINE_TITLES[d]}:{' '}
                    {owner.team ? (
                      // Underlined: a link in a line of text must not be
                      // told by its colour alone (axe link-in-text-block).
                      <EntityRefLink entityRef={owner.team} underline="always">
                        {owner.title ?? owner.team}
                      </EntityRefLink>
                    ) : (
                      'no owner'
                    )}
                    {owner.onCall ? ` - on call: ${owner.onCall}` : ''}
                    {/* The nearest's owners own what was asked about (its
                        address range, its system): page them from here. The
                        backend decides the team, as for any answer. */}
                    {!props.asOf && (
                      <PageButton
                        entityRef={help.nearest!.entityRef}
                        discipline={d}
                        query={props.q}
                      />
                    )}
                  </li>
                );
              })}
            </ul>
          </Flex>
        </SectionCard>
      )}
      <Text as="p" variant="body-small" color="secondary">
        Try an entity name or ref, a hostname, a URL, an IP address or a CIDR.
        Entities added in the last minute may not be indexed yet.
      </Text>
    </Flex>
  );
}
