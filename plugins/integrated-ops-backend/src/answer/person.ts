import {
  contactLinks,
  Person,
} from '@integrated-ops/plugin-integrated-ops-common';
import { ProviderPerson } from '@integrated-ops/plugin-integrated-ops-node';
import { OwnershipIndex } from '../index/OwnershipIndex';

/** A catalog user as an answer names them: display name, email, contacts. */
export function person(index: OwnershipIndex, ref: string): Person {
  const user = index.entity(ref);
  const profile = (user?.spec?.profile ?? {}) as {
    displayName?: string;
    email?: string;
  };
  return {
    ref,
    name:
      profile.displayName ??
      user?.metadata.title ??
      ref.replace(/^user:(default\/)?/, ''),
    email: profile.email,
    contacts: user ? contactLinks(user) : [],
  };
}

/**
 * A person an on-call vendor names: the catalog user with that email when
 * there is one (contacts included), else the vendor's name and email with a
 * ref that says it is not a catalog user.
 */
export function vendorPerson(
  index: OwnershipIndex,
  provider: string,
  who: ProviderPerson,
): Person {
  const ref = who.email
    ? index.usersByEmail.get(who.email.toLocaleLowerCase('en-US'))
    : undefined;
  if (ref) return person(index, ref);
  return {
    ref: `${provider}:${who.email ?? who.name}`,
    name: who.name,
    email: who.email,
    contacts: [],
  };
}
