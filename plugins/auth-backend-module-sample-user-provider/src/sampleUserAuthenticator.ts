import { AuthenticationError } from '@backstage/errors';
import { createProxyAuthenticator } from '@backstage/plugin-auth-node';
import { Request } from 'express';
import ipaddr from 'ipaddr.js';

/**
 * The header the sign-in page sends: the user's name in the catalog, e.g. omar.haddad.
 *
 * @public
 */
export const SAMPLE_USER_HEADER = 'x-sample-user';

const USER_NAME = /^[a-z0-9]([-a-z0-9._]*[a-z0-9])?$/;

/**
 * Whether the request comes straight from this machine: a loopback peer and
 * no proxy in between (a proxy on this machine could be forwarding anyone).
 */
export function isFromLoopback(req: Request): boolean {
  if (req.header('x-forwarded-for') || req.header('forwarded')) return false;
  const peer = req.socket?.remoteAddress;
  if (!peer || !ipaddr.isValid(peer)) return false;
  const address = ipaddr.process(peer);
  return address.range() === 'loopback';
}

/**
 * Trusts a user name sent by the browser: only for development with the
 * sample org, and only from this machine. The module refuses to start
 * outside `auth.environment: development`; this refuses every request that
 * does not come from loopback.
 */
export const sampleUserAuthenticator = createProxyAuthenticator({
  defaultProfileTransform: async (result: { userName: string }) => ({
    profile: { displayName: result.userName },
  }),
  initialize: () => undefined,
  async authenticate({ req }) {
    if (!isFromLoopback(req)) {
      throw new AuthenticationError(
        'sample-user sign-in is only for requests from this machine',
      );
    }
    const userName = req.header(SAMPLE_USER_HEADER)?.trim().toLowerCase();
    if (!userName || !USER_NAME.test(userName)) {
      throw new AuthenticationError(
        `send the sample user's name in the ${SAMPLE_USER_HEADER} header`,
      );
    }
    return { result: { userName } };
  },
});
