import { teamOnCall } from '../answer/buildOwnershipAnswer';
import { OwnershipIndex } from '../index/OwnershipIndex';
import { ProviderOnCallCache } from './ProviderOnCallCache';

/**
 * Whether a user answers for a team at `at`: a member of it, whoever is on
 * call for it (YAML or vendor), or the user itself when a `spec.owner`
 * fallback made a person the owner. Who may acknowledge a page or an
 * incident of that team.
 */
export function mayRespondFor(
  index: OwnershipIndex,
  teamRef: string,
  userRef: string,
  at: Date,
  providers?: ProviderOnCallCache,
): boolean {
  const user = userRef.toLocaleLowerCase('en-US');
  if (user === teamRef) return true;
  if ((index.members.get(teamRef) ?? []).includes(user)) return true;
  const onCall = teamOnCall(index, teamRef, at, providers)?.onCall ?? [];
  return onCall.some(s => s.person?.ref === user);
}
