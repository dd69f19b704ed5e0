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

/** What to dial or open: the number of a tel: link, else the URL. */
export function contactValue(link: ContactLink): string {
  return link.url.startsWith('tel:') ? link.url.slice('tel:'.length) : link.url;
}

/** "NetOps DC pager +442070000201": the link's title, then what to dial or open. */
export function contactText(link: ContactLink): string {
  const value = contactValue(link);
  return link.title && link.title !== value
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
