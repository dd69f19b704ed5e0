import {
  DISCIPLINE_TITLES,
  DISCIPLINES,
  OwnershipAnswer,
} from '@integrated-ops/plugin-integrated-ops-common';
import { LoudText } from '../shared/LoudText';
import { Link, Text } from '@backstage/ui';
import { contactValue } from '../shared/contactText';
import { whomToCall } from './whoToPage';

/** Large on a desktop; on a phone, small enough that name and number share a line. */
const SIZE = { initial: 'body-medium', md: 'body-large' } as const;

/** Discipline, who, number: three aligned columns that fit a phone's width. */
const ROW = {
  display: 'grid',
  // The number sits next to the name; a long "call instead" line wraps.
  gridTemplateColumns: '5em minmax(0, max-content) auto',
  justifyContent: 'start',
  columnGap: 12,
  alignItems: 'baseline',
} as const;

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
        const { person, instead } = whomToCall(props.answer.owners[d]);
        const phone = [
          ...(person?.contacts ?? []),
          ...(instead?.contacts ?? []),
        ].find(c => c.type === 'phone' || c.type === 'pager');
        return (
          <li key={d}>
            <div style={ROW}>
              <Text as="span" variant={SIZE} weight="bold">
                {DISCIPLINE_TITLES[d]}:
              </Text>
              {instead || !person ? (
                <LoudText as="span" variant={SIZE}>
                  nobody to page
                  {instead
                    ? ` - call ${person ? `${person.name}, ` : ''}${
                        instead.title
                      }`
                    : ''}
                </LoudText>
              ) : (
                <Text as="span" variant={SIZE}>
                  {person?.name}
                </Text>
              )}
              {phone && (
                <Link href={phone.url} variant={SIZE} standalone>
                  {contactValue(phone)}
                </Link>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
