import { AuthenticationError } from '@backstage/errors';
import { createProxyAuthenticator } from '@backstage/plugin-auth-node';

/** The header the sign-in page sends: the user's name in the catalog, e.g. omar.haddad. */
export const SAMPLE_USER_HEADER = 'x-sample-user';

const USER_NAME = /^[a-z0-9]([-a-z0-9._]*[a-z0-9])?$/;

/**
 * Trusts a user name sent by the browser. Only for development with the
 * sample org: anyone who can reach the backend can be anyone. The module
 * refuses to start outside `auth.environment: development`.
 */
export const sampleUserAuthenticator = createProxyAuthenticator({
  defaultProfileTransform: async (result: { userName: string }) => ({
    profile: { displayName: result.userName },
  }),
  initialize: () => undefined,
  async authenticate({ req }) {
    const userName = req.header(SAMPLE_USER_HEADER)?.trim().toLowerCase();
    if (!userName || !USER_NAME.test(userName)) {
      throw new AuthenticationError(
        `send the sample user's name in the ${SAMPLE_USER_HEADER} header`,
      );
    }
    return { result: { userName } };
  },
});
