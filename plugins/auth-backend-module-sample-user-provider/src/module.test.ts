import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Request } from 'express';
import request from 'supertest';
import { authModuleSampleUserProvider } from './module';
import { isFromLoopback, SAMPLE_USER_HEADER } from './sampleUserAuthenticator';

const omar = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'omar.haddad', namespace: 'default' },
  spec: { memberOf: [] },
};

// The auth backend's own database, closed after the tests (the default
// test database service leaves its SQLite pool open, and Jest waits for it).
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

async function authBackend(environment: string) {
  const knex = await databases.init('SQLITE_3');
  return startTestBackend({
    features: [
      authPlugin,
      mockServices.database.factory({ knex }),
      authModuleSampleUserProvider,
      catalogServiceMock.factory({ entities: [omar] }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          auth: { environment, providers: { sampleUser: {} } },
        },
      }),
    ],
  });
}

const refresh = (server: any) =>
  request(server)
    .get('/api/auth/sampleUser/refresh')
    .set('X-Requested-With', 'XMLHttpRequest');

describe('sample-user sign-in', () => {
  it('signs a catalog user in, in development, from this machine', async () => {
    const backend = await authBackend('development');
    const { server } = backend;
    try {
      const res = await refresh(server).set(SAMPLE_USER_HEADER, 'omar.haddad');
      expect(res.status).toBe(200);
      expect(res.body.backstageIdentity.identity.userEntityRef).toBe(
        'user:default/omar.haddad',
      );
      // Through a proxy it is not "this machine" any more, whoever asks.
      const proxied = await refresh(server)
        .set(SAMPLE_USER_HEADER, 'omar.haddad')
        .set('X-Forwarded-For', '203.0.113.9');
      expect(proxied.status).toBe(401);
      expect(proxied.body.error.message).toContain(
        'sample-user sign-in is only for requests from this machine',
      );
    } finally {
      await backend.stop();
    }
  });

  it('does not exist outside development', async () => {
    const backend = await authBackend('production');
    const { server } = backend;
    try {
      const res = await refresh(server).set(SAMPLE_USER_HEADER, 'omar.haddad');
      expect(res.status).toBe(404);
    } finally {
      await backend.stop();
    }
  });
});

describe('isFromLoopback', () => {
  const req = (remoteAddress: string | undefined, headers = {}) =>
    ({
      socket: { remoteAddress },
      header: (name: string) =>
        (headers as Record<string, string>)[name.toLowerCase()],
    } as unknown as Request);

  it.each(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])(
    'accepts %s',
    address => expect(isFromLoopback(req(address))).toBe(true),
  );

  it.each([
    '10.0.0.5',
    '192.168.1.20',
    '203.0.113.9',
    '::ffff:10.0.0.5',
    'fe80::1',
    undefined,
    'nonsense',
  ])('refuses %s', address => expect(isFromLoopback(req(address))).toBe(false));

  it('refuses a loopback peer that forwards someone else', () => {
    expect(
      isFromLoopback(req('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' })),
    ).toBe(false);
    expect(
      isFromLoopback(req('127.0.0.1', { forwarded: 'for=203.0.113.9' })),
    ).toBe(false);
  });
});
