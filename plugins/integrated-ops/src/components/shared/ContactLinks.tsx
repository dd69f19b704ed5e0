import { ContactLink } from '@integrated-ops/plugin-integrated-ops-common';
import { Flex, Link } from '@backstage/ui';
import { contactValue, reachable } from './contactText';

const LABELS = {
  chat: 'Chat',
  pager: 'Pager',
  phone: 'Phone',
  runbook: 'Runbook',
};

/** "Pager: +44 20 7000 0101 (NetOps DC pager)", "Chat: #netops-dc", or just "Chat" when the title says no more. */
function linkText(link: ContactLink): string {
  const label = LABELS[link.type];
  if (link.url.startsWith('tel:')) {
    return `${label}: ${contactValue(link)}${
      link.title ? ` (${link.title})` : ''
    }`;
  }
  if (!link.title) return `${label}: ${link.url}`;
  return link.title === label ? label : `${label}: ${link.title}`;
}

/**
 * Pager, phone and chat links, in the order to try. Numbers are shown, not
 * hidden behind a title: at 3 a.m. the reader dials from the screen.
 */
export function ContactLinks(props: { links: ContactLink[]; label?: string }) {
  const links = reachable(props.links);
  if (!links.length) return null;
  return (
    <Flex gap="3" style={{ flexWrap: 'wrap' }} aria-label={props.label}>
      {links.map(link => (
        <Link
          key={`${link.type}:${link.url}`}
          href={link.url}
          variant="body-small"
          standalone
        >
          {linkText(link)}
        </Link>
      ))}
    </Flex>
  );
}
