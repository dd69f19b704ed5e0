import {
  DISCIPLINE_TITLES,
  DISCIPLINES,
  OwnershipAnswer,
} from '@internal/plugin-integrated-ops-common';
import { LoudText } from '../shared/LoudText';
import { Flex, Link, Text } from '@backstage/ui';
import { contactValue } from '../shared/contactText';

/**
 * The answer in three lines at the top: per discipline who to call now and
 * their number, or, loud, whom to call instead. Fits a phone's first screen.
 */
export function OnCallSummary(props: { answer: OwnershipAnswer }) {
  return (
    <ul
      aria-label="Who to page now"
      style={{ listStyle: 'none', margin: 0, padding: 0 }}
    >
      {DISCIPLINES.map(d => {
        const owner = props.answer.owners[d];
        const instead = owner.noOwner?.escalateTo;
        const onCall = owner.onCall.find(s => s.person)?.person;
        const person =
          onCall ??
          instead?.onCall.find(s => s.person)?.person ??
          instead?.lead;
        const phone = [
          ...(person?.contacts ?? []),
          ...(instead?.contacts ?? []),
        ].find(c => c.type === 'phone' || c.type === 'pager');
        return (
          <li key={d}>
            <Flex gap="2" align="baseline" style={{ flexWrap: 'wrap' }}>
              <Text as="span" variant="body-large" weight="bold">
                {DISCIPLINE_TITLES[d]}:
              </Text>
              {owner.noOwner && !onCall ? (
                <LoudText as="span" variant="body-large">
                  nobody to page
                  {instead
                    ? ` - call ${person ? `${person.name}, ` : ''}${
                        instead.title
                      }`
                    : ''}
                </LoudText>
              ) : (
                <Text as="span" variant="body-large">
                  {person?.name}
                </Text>
              )}
              {phone && (
                <Link href={phone.url} variant="body-large" standalone>
                  {contactValue(phone)}
                </Link>
              )}
            </Flex>
          </li>
        );
      })}
    </ul>
  );
}
