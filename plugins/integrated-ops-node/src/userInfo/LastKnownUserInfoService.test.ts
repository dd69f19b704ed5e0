import { mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import { UnsecuredJWT } from 'jose';
import { AddressInfo } from 'net';
import { Server } from 'http';
import { LastKnownUserInfoService } from './LastKnownUserInfoService';
import { CatalogOwnershipClaimsService } from './catalogOwnershipClaims';

/**
 * The auth backend's /v1/userinfo, served locally: 200 with the user's
 * ownership claims, or what it answers while its database is down (500),
 * or a refused token (401); or not listening at all.
 */
async function authBackend() {
  const state = { status: 200, ent: ['user:default/omar.haddad'] };
  const app = express();
  app.get('/api/auth/v1/userinfo', (_req, res) => {
    if (state.status !== 200) {
      res.status(state.status).json({
        error: {
          name: 'Error',
          message: 'connect ECONNREFUSED 127.0.0.1:5432',
        },
        response: { statusCode: state.status },
      });
      return;
    }
    res.json({ claims: { sub: 'user:default/omar.haddad', ent: state.ent } });
  });
  const server: Server = await new Promise(r => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { state, server, base };
}

/** A user's credentials as Backstage passes them between plugins: a limited token, no `ent`. */
function limitedUser(sub: string) {
  const credentials = {
    $$type: '@backstage/BackstageCredentials',
    version: 'v1',
    principal: { type: 'user', userEntityRef: sub },
  };
  Object.defineProperty(credentials, 'token', {
    enumerable: false,
    value: new UnsecuredJWT({}).setSubject(sub).encode(),
  });
  return credentials as any;
}

/** The service under test, an hour of last-known answers, on a given clock. */
function serviceFor(
  base: string,
  now: () => number,
  catalog?: CatalogOwnershipClaimsService,
) {
  return new LastKnownUserInfoService({
    discovery: {
      getBaseUrl: async () => `${base}/api/auth`,
      getExternalBaseUrl: async () => `${base}/api/auth`,
    },
    logger: mockServices.logger.mock(),
    lastKnown: new Map(),
    maxStaleMs: 60 * 60_000,
    now,
    catalog,
  });
}

describe('LastKnownUserInfoService', () => {
  it("answers with a user's last known ownership while the auth backend cannot, for a bounded time", async () => {
    const auth = await authBackend();
    let now = 1_000_000;
    const service = serviceFor(auth.base, () => now);
    const omar = limitedUser('user:default/omar.haddad');
    auth.state.ent = ['user:default/omar.haddad', 'group:default/netops-dc'];
    expect(await service.getUserInfo(omar)).toEqual({
      userEntityRef: 'user:default/omar.haddad',
      ownershipEntityRefs: [
        'user:default/omar.haddad',
        'group:default/netops-dc',
      ],
    });

    // The auth backend's database is down: 500s.
    auth.state.status = 500;
    now += 10 * 60_000;
    expect((await service.getUserInfo(omar)).ownershipEntityRefs).toContain(
      'group:default/netops-dc',
    );
    // Someone it never answered for gets the error, not a guess.
    await expect(
      service.getUserInfo(limitedUser('user:default/li.wei')),
    ).rejects.toThrow(/500/);

    // The auth backend gone altogether: still the last answer.
    await new Promise(r => auth.server.close(r));
    now += 10 * 60_000;
    expect((await service.getUserInfo(omar)).ownershipEntityRefs).toContain(
      'group:default/netops-dc',
    );
    // Older than an hour: no longer.
    now += 45 * 60_000;
    await expect(service.getUserInfo(omar)).rejects.toThrow();
  });

  it('never stands in for a token the auth backend refuses', async () => {
    const auth = await authBackend();
    let now = 0;
    const service = serviceFor(auth.base, () => now);
    const omar = limitedUser('user:default/omar.haddad');
    await service.getUserInfo(omar);
    auth.state.status = 401;
    now += 60_000;
    await expect(service.getUserInfo(omar)).rejects.toThrow(/401/);
    await new Promise(r => auth.server.close(r));
  });

  it("falls back on the lookup index's copy of the catalog for a user this replica never asked about", async () => {
    const auth = await authBackend();
    let now = 10 * 60 * 60_000;
    let asOf = new Date(now - 30_000);
    const catalog: CatalogOwnershipClaimsService = {
      setSource: () => {},
      ownershipOf: ref =>
        ref === 'user:default/li.wei'
          ? {
              ownershipEntityRefs: [ref, 'group:default/soc-tier1'],
              asOf,
            }
          : undefined,
    };
    const service = serviceFor(auth.base, () => now, catalog);
    auth.state.status = 503;
    const li = limitedUser('user:default/li.wei');
    expect(await service.getUserInfo(li)).toEqual({
      userEntityRef: 'user:default/li.wei',
      ownershipEntityRefs: ['user:default/li.wei', 'group:default/soc-tier1'],
    });
    // Not in the catalog copy: the error, not a guess.
    await expect(
      service.getUserInfo(limitedUser('user:default/mallory')),
    ).rejects.toThrow(/503/);
    // A copy that stopped matching the catalog over an hour ago: no longer.
    now += 60 * 60_000;
    await expect(service.getUserInfo(li)).rejects.toThrow(/503/);
    // A refused token is refused, whatever the catalog copy says.
    asOf = new Date(now);
    auth.state.status = 401;
    await expect(service.getUserInfo(li)).rejects.toThrow(/401/);
    await new Promise(r => auth.server.close(r));
  });
});
