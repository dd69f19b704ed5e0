import { Entity } from '@backstage/catalog-model';

/**
 * Contacts are plain Backstage `metadata.links`, told apart by `type`:
 * `chat`, `pager`, `phone` (tel: URLs) and `runbook`. They show in the stock
 * Links card too.
 *
 * @public
 */
export const CONTACT_LINK_TYPES = [
  'chat',
  'pager',
  'phone',
  'runbook',
] as const;

/**
 * The kinds of entity link that say how to reach a team or where its runbook
 * is.
 *
 * @public
 */
export type ContactLinkType = (typeof CONTACT_LINK_TYPES)[number];

/**
 * An entity link to reach a team (chat, pager, phone) or to its runbook.
 *
 * @public
 */
export interface ContactLink {
  /** What the link reaches: chat, pager, phone or runbook. */
  type: ContactLinkType;
  /** The link's target as written in metadata.links (tel: for phones). */
  url: string;
  /** The link's label; absent when the link has none. */
  title?: string;
}

/**
 * The contact and runbook links among an entity's metadata.links.
 *
 * @public
 */
export function contactLinks(entity: Entity): ContactLink[] {
  return (entity.metadata.links ?? [])
    .filter((l): l is typeof l & { type: ContactLinkType } =>
      (CONTACT_LINK_TYPES as readonly (string | undefined)[]).includes(l.type),
    )
    .map(l => ({ type: l.type, url: l.url, title: l.title }));
}

/**
 * A team can be reached when it has a chat channel, a pager or a phone.
 *
 * @public
 */
export function isReachable(entity: Entity): boolean {
  return contactLinks(entity).some(l => l.type !== 'runbook');
}

/**
 * Whether an entity links a runbook.
 *
 * @public
 */
export function hasRunbook(entity: Entity): boolean {
  return contactLinks(entity).some(l => l.type === 'runbook');
}
