#!/usr/bin/env node
/*
 * A local OpenID Connect identity provider for the sign-in test, from the
 * `oidc-provider` package (a certified OpenID Provider implementation). Its
 * people are the sample org's users (catalog/org/users.yaml), signing in with
 * their user name and any password, with their catalog email; plus
 * "stranger", whose email no catalog user has. Consent is implied.
 *
 * Env: OIDC_PORT (7300), OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI.
 */
import Provider from 'oidc-provider';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const port = Number(process.env.OIDC_PORT ?? 7300);

const people = new Map(
  parseAllDocuments(readFileSync(join(root, 'catalog/org/users.yaml'), 'utf8'))
    .map(d => d.toJS())
    .filter(e => e?.kind === 'User' && e.spec?.profile?.email)
    .map(e => [
      e.metadata.name,
      { email: e.spec.profile.email, name: e.spec.profile.displayName },
    ]),
);
people.set('stranger', {
  email: 'stranger@outside.example',
  name: 'Someone Else',
});

const provider = new Provider(`http://localhost:${port}`, {
  clients: [
    {
      client_id: process.env.OIDC_CLIENT_ID ?? 'integrated-ops-portal',
      client_secret: process.env.OIDC_CLIENT_SECRET ?? 'e2e-oidc-secret',
      redirect_uris: [process.env.OIDC_REDIRECT_URI],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    },
  ],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  // The ID token carries the claims too, whichever the client reads.
  conformIdTokenClaims: false,
  cookies: { keys: ['e2e-only-cookie-key'] },
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => false },
  // As most company IdPs do: a refresh token for the portal's client, so a
  // reload renews the session without a new sign-in.
  issueRefreshToken: async (_ctx, client) =>
    client.grantTypeAllowed('refresh_token'),
  async findAccount(_ctx, id) {
    const person = people.get(id);
    if (!person) return undefined;
    return {
      accountId: id,
      claims: async () => ({
        sub: id,
        email: person.email,
        email_verified: true,
        name: person.name,
      }),
    };
  },
  // The portal is the only client: consent is implied.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile offline_access');
    await grant.save();
    return grant;
  },
});

provider.listen(port, () => {
  console.log(
    `identity provider on http://localhost:${port}: ${people.size} people`,
  );
});
