import {
  DISCIPLINE_TITLES,
  DISCIPLINES,
  OwnershipAnswer,
} from '@internal/plugin-integrated-ops-common';
import { LoudText } from '../shared/LoudText';
import { Link, Text } from '@backstage/ui';
import { contactValue } from '../shared/contactText';
import { whomToCall } from './whoToPage';

/** Discipline, who, number: three aligned columns that fit a phone's width. */
const ROW = {
  display: 'grid',
  gridTemplateColumns: '4.5em minmax(0, 1fr) auto',
  columnGap: 8,
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
              <Text as="span" variant="body-large" weight="bold">
                {DISCIPLINE_TITLES[d]}:
              </Text>
              {instead || !person ? (
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
            </div>
          </li>
        );
      })}
    </ul>
  );
}
