import { createServiceFactory } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { LocalGitRepositories } from '@integrated-ops/plugin-ops-requests-node';
import { mkdtemp } from 'fs/promises';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import request from 'supertest';
import connectivityPlugin from '..';

const entity = (
  kind: string,
  name: string,
  spec: Entity['spec'],
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations },
  spec,
});

const NS = 'backstage.io/kubernetes-namespace';

/**
 * A web front end in `payments` (namespace by annotation), a scoring service
 * in `fraud` (by its System), the case database in `fraud` (a Resource with
 * a label selector), a vault service only some users may read, and a
 * network segment (no workload).
 */
export const estateCatalog: Entity[] = [
  entity(
    'Component',
    'payments-web',
    { type: 'service' },
    { [NS]: 'payments' },
  ),
  entity('Component', 'fraud-scoring', { type: 'service', system: 'fraud' }),
  entity(
    'Resource',
    'fraud-cases-db',
    { type: 'database' },
    {
      [NS]: 'fraud',
      'backstage.io/kubernetes-label-selector': 'app=fraud-cases-db',
    },
  ),
  entity('Component', 'secret-svc', { type: 'service' }, { [NS]: 'vault' }),
  entity('Resource', 'seg-dmz', { type: 'network-segment' }),
];

/** The user the catalog hides component:default/secret-svc from. */
export const OUTSIDER = 'user:default/outsider';
const HIDDEN = 'component:default/secret-svc';

/**
 * The catalog mock, with one entity hidden from OUTSIDER, as catalog read
 * permissions would.
 */
function filteringCatalog(entities: Entity[]) {
  const all = catalogServiceMock({ entities });
  const visible = catalogServiceMock({
    entities: entities.filter(
      e => stringifyEntityRef(e).toLocaleLowerCase('en-US') !== HIDDEN,
    ),
  });
  const pick = (options: any) =>
    options?.credentials?.principal?.userEntityRef === OUTSIDER ? visible : all;
  return {
    ...all,
    getEntities: (req: any, options: any) =>
      pick(options).getEntities(req, options),
    getEntitiesByRefs: (req: any, options: any) =>
      pick(options).getEntitiesByRefs(req, options),
    getEntityByRef: (ref: any, options: any) =>
      pick(options).getEntityByRef(ref, options),
  };
}

/**
 * The connectivity backend over a fresh local infrastructure repository
 * whose main holds `__testUtils__/estate` (or no repository at all), the
 * estate catalog, and a 1-second rebuild.
 */
export async function startConnectivityPortal(
  options: { repository?: boolean } = {},
) {
  const gitRoot = await mkdtemp(join(tmpdir(), 'iop-conn-git-'));
  const repos = new LocalGitRepositories(gitRoot);
  if (options.repository !== false) {
    await repos.publishNewRepository({
      repository: 'infrastructure',
      sourceDir: resolve(__dirname, 'estate'),
      message: 'the estate',
      author: { name: 'Test', email: 'test@example.com' },
    });
  }
  // The actions registry as a test double: its actions are invoked directly.
  const actions = actionsRegistryServiceMock();
  const backend = await startTestBackend({
    features: [
      connectivityPlugin,
      schedulerServiceFactory,
      createServiceFactory({
        service: actionsRegistryServiceRef,
        deps: {},
        factory: () => actions,
      }),
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => filteringCatalog(estateCatalog) as any,
      }),
      mockServices.rootConfig.factory({
        data: {
          integratedOps: {
            gitops: { localRoot: gitRoot },
            connectivity: { refreshSeconds: 1 },
          },
        },
      }),
    ],
  });
  const { server } = backend;
  const get = (path: string, user = 'user:default/alice') =>
    request(server)
      .get(`/api/connectivity${path}`)
      .set({ Authorization: mockCredentials.user.header(user) });
  return { server, get, repos, actions, stop: () => backend.stop() };
}

/** Waits until the model has been built (the first scheduled run). */
export async function modelReady(
  get: (path: string) => request.Test,
): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const res = await get('/inbound?to=payments-web');
    if (res.status !== 422) return;
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error('the connectivity model was never built');
}
