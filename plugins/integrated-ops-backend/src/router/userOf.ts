import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';

/** The caller's user ref, lower-cased; undefined for a service. */
export function userRefOf(
  credentials: BackstageCredentials,
): string | undefined {
  const { principal } = credentials as BackstageCredentials<{
    type: string;
    userEntityRef?: string;
  }>;
  return principal.type === 'user' && principal.userEntityRef
    ? principal.userEntityRef.toLocaleLowerCase('en-US')
    : undefined;
}

/** The caller's user ref; 403 naming `what` for a service (only people may). */
export function requireUser(
  credentials: BackstageCredentials,
  what: string,
): string {
  const user = userRefOf(credentials);
  if (!user) throw new NotAllowedError(`${what} by people, not services`);
  return user;
}
