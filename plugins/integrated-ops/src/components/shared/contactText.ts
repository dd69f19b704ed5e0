import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import {
  ContactLink,
  Person,
} from '@integrated-ops/plugin-integrated-ops-common';

const URGENCY = { pager: 0, phone: 1, chat: 2, runbook: 3 };

/** Pager and phone before chat, runbooks dropped: how to reach someone, in the order to try. */
export function reachable(links: ContactLink[]): ContactLink[] {
  return links
    .filter(l => l.type !== 'runbook')
    .sort((a, b) => URGENCY[a.type] - URGENCY[b.type]);
}

/**
 * "+44 20 7946 0100": a number in its country's groups, as people read and
 * dial it (libphonenumber); what cannot be parsed as written.
 */
export function formatPhone(number: string): string {
  return parsePhoneNumberFromString(number)?.formatInternational() ?? number;
}

/** What to dial or open: the number of a tel: link (grouped), else the URL. */
export function contactValue(link: ContactLink): string {
  return link.url.startsWith('tel:')
    ? formatPhone(link.url.slice('tel:'.length))
    : link.url;
}

/** "NetOps DC pager +44 20 7000 0201": the link's title, then what to dial or open. */
export function contactText(link: ContactLink): string {
  const value = contactValue(link);
  const raw = link.url.replace(/^tel:/, '');
  return link.title && link.title !== value && link.title !== raw
    ? `${link.title} ${value}`
    : `${link.type} ${value}`;
}

/** "Omar Haddad (phone +44..., chat https://...)": a person and how to reach them. */
export function personText(person: Person): string {
  const reach = reachable(person.contacts).map(
    c => `${c.type} ${contactValue(c)}`,
  );
  if (person.email) reach.push(person.email);
  return reach.length ? `${person.name} (${reach.join(', ')})` : person.name;
}
