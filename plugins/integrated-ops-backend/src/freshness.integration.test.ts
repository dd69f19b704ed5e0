/*
 * Freshness by events, end to end: the real catalog backend with the
 * typed-ownership module and this plugin, the periodic listing set to an hour.
 * An ownership edit reaches the lookup only because the catalog module
 * announces it on the events service and the lookup re-reads the entity.
 */
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import catalogModuleIntegratedOps from '@integrated-ops/plugin-catalog-backend-module-integrated-ops';
import { LookupResponse } from '@integrated-ops/plugin-integrated-ops-common';
import request from 'supertest';
import { integratedOpsPlugin } from './plugin';
import { databasePerPlugin } from './__testUtils__/databasePerPlugin';
import { testEntityProvider } from './tests/testEntityProvider';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const group = (name: string, discipline: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name },
  spec: { type: 'team', children: [], opsTeam: { discipline } },
});

const scoring = (netops: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'scoring' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/sre',
    opsOwners: {
      netops: `group:default/${netops}`,
      devops: 'group:default/sre',
      secops: 'group:default/soc',
    },
    network: { hostnames: ['scoring.bank.test'] },
  },
});

const estate = testEntityProvider('test-estate');

/** Makes the estate what the test says, the component's NetOps owner given. */
const publish = (netops: string) =>
  estate.replace([
    group('netops-a', 'netops'),
    group('netops-b', 'netops'),
    group('sre', 'devops'),
    group('soc', 'secops'),
    scoring(netops),
  ]);

type Server = Parameters<typeof request>[0];
let server: Server;
let stop: () => Promise<void>;

async function netopsOf(q: string): Promise<string | undefined> {
  const res = await request(server)
    .get('/api/integrated-ops/lookup')
    .query({ q });
  if (res.status !== 200) return undefined;
  const body = res.body as LookupResponse;
  return body.matches[0]?.answer?.owners.netops.team?.ref;
}

async function until<T>(read: () => Promise<T>, wanted: T, ms: number) {
  const deadline = Date.now() + ms;
  let last: T = await read();
  while (last !== wanted && Date.now() < deadline) {
    await new Promise(r => setTimeout(r, 200));
    last = await read();
  }
  return last;
}

beforeAll(async () => {
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleIntegratedOps,
      estate.module,
      integratedOpsPlugin,
      schedulerServiceFactory,
      // the real events service (the test backend's mock is one per plugin)
      eventsServiceFactory,
      databasePerPlugin(databases),
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            processingInterval: { milliseconds: 500 },
            rules: [{ allow: ['Component', 'Group'] }],
          },
          integratedOps: {
            ownership: { lookupCacheSeconds: 0 },
            // Only the first listing: everything later must come by events,
            // followed until the catalog serves it however loaded the runner
            // (a whole test suite on 2 cores stitches slowly).
            lookup: { refreshSeconds: 3600, followSeconds: 120 },
          },
        },
      }),
    ],
  });
  server = backend.server;
  stop = () => backend.stop();
});

afterAll(async () => {
  await stop?.();
});

describe('an ownership edit reaches the lookup by events', () => {
  it('answers with the new NetOps owner without another catalog listing', async () => {
    await publish('netops-a');
    // The first listing runs at start, perhaps before the catalog has the
    // entity; the component's later passes (and with them events) bring it.
    expect(
      await until(
        () => netopsOf('scoring.bank.test'),
        'group:default/netops-a',
        30_000,
      ),
    ).toBe('group:default/netops-a');
    const listedAt = (
      await request(server).get('/api/integrated-ops/index-status')
    ).body.builtAt;

    await publish('netops-b');
    expect(
      await until(
        () => netopsOf('scoring.bank.test'),
        'group:default/netops-b',
        // Processing, stitching and the event on a loaded 2-core runner.
        100_000,
      ),
    ).toBe('group:default/netops-b');
    // Still the same listing: the change came through the events.
    expect(
      (await request(server).get('/api/integrated-ops/index-status')).body
        .builtAt,
    ).toBe(listedAt);
  });
});
