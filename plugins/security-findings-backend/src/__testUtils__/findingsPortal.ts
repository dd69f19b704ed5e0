import { createServiceFactory } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { readFileSync } from 'fs';
import { Knex } from 'knex';
import { dirname, join } from 'path';
import { securityFindingsPlugin } from '../plugin';

const rel = (type: string, targetRef: string) => ({ type, targetRef });

const component = (
  name: string,
  options: {
    tags?: string[];
    readers?: string[];
    owned?: boolean;
    annotations?: Record<string, string>;
  } = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    tags: options.tags,
    annotations: {
      ...options.annotations,
      // Only for this fake catalog: the users the catalog lets read it.
      ...(options.readers ? { 'test/readers': options.readers.join(',') } : {}),
    },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/payments',
  },
  relations:
    options.owned === false
      ? []
      : [
          rel('devopsOwnedBy', 'group:default/payments-sre'),
          rel('netopsOwnedBy', 'group:default/netops-edge'),
          rel('secopsOwnedBy', 'group:default/soc-t1'),
        ],
});

/**
 * The test catalog: payments-api (PCI, every user may read it) and
 * vault-core (only user:default/sam may read it: the catalog answers no
 * such entity to anyone else, as the real one does for a denied read), and
 * orphan-batch (no typed owner: spec.owner only).
 */
export const findingsCatalog: Entity[] = [
  component('payments-api', {
    tags: ['java', 'pci'],
    annotations: {
      'github.com/project-slug': 'northbridge/payments-api',
      'integrated-ops.io/container-image': 'registry.bank.example/payments/api',
    },
  }),
  component('vault-core', {
    readers: ['user:default/sam'],
    annotations: { 'github.com/project-slug': 'northbridge/shared-batch' },
  }),
  component('orphan-batch', {
    owned: false,
    annotations: {
      'github.com/project-slug': 'northbridge/shared-batch',
      'gitlab.com/project-slug': 'northbridge/batch/orphan',
    },
  }),
  // The teams told, each with a member (a group without one is told later).
  ...['payments-sre', 'netops-edge', 'soc-t1', 'soc-tier2'].map(
    (name): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name, namespace: 'default' },
      spec: { type: 'team', children: [] },
      relations: [rel('hasMember', 'user:default/sam')],
    }),
  ),
];

/**
 * A catalog answering getEntityByRef and getEntitiesByRefs as the caller's
 * credentials allow, and getEntities by kind and annotation (matched
 * without regard to case, as the catalog's search table does).
 */
export const testCatalog = {
  async getEntities({
    filter,
    limit,
  }: {
    filter: Record<string, string>;
    limit?: number;
  }) {
    const lower = (v?: string) => v?.toLocaleLowerCase('en-US');
    const items = findingsCatalog.filter(e =>
      Object.entries(filter).every(([key, value]) =>
        key === 'kind'
          ? lower(e.kind) === lower(value)
          : lower(
              e.metadata.annotations?.[
                key.replace(/^metadata\.annotations\./, '')
              ],
            ) === lower(value),
      ),
    );
    return { items: items.slice(0, limit) };
  },
  async getEntitiesByRefs(
    { entityRefs }: { entityRefs: string[] },
    options: { credentials: any },
  ) {
    return {
      items: await Promise.all(
        entityRefs.map(
          async ref => (await testCatalog.getEntityByRef(ref, options)) ?? null,
        ),
      ),
    };
  },
  async getEntityByRef(ref: string, { credentials }: any) {
    const entity = findingsCatalog.find(
      e => stringifyEntityRef(e) === ref.toLocaleLowerCase('en-US'),
    );
    const readers = entity?.metadata.annotations?.['test/readers']?.split(',');
    const principal = credentials.principal;
    if (
      entity &&
      readers &&
      principal.type === 'user' &&
      !readers.includes(principal.userEntityRef)
    ) {
      return undefined;
    }
    return entity;
  },
} as unknown as CatalogService;

const catalogFactory = createServiceFactory({
  service: catalogServiceRef,
  deps: {},
  factory: () => testCatalog,
});

/** A fixture of -common: real scanner output (see its __fixtures__/README.md). */
export function commonFixture(name: string): string {
  const root = dirname(
    require.resolve(
      '@integrated-ops/plugin-security-findings-common/package.json',
    ),
  );
  return readFileSync(join(root, 'src/__fixtures__', name), 'utf8');
}

/** Notifications as the notifications backend would receive them, kept in `sent`. */
export function recordingNotifications() {
  const sent: NotificationSendOptions[] = [];
  const factory = createServiceFactory({
    service: notificationService,
    deps: {},
    factory: () => ({
      async send(options: NotificationSendOptions) {
        sent.push(options);
      },
    }),
  });
  return { sent, factory };
}

/** The security-findings backend on the given database; `ci-scanner` may post reports. */
export async function startFindingsPortal(
  knex: Knex,
  config: Record<string, unknown> = {},
  notifications = recordingNotifications(),
) {
  // The actions registry as a test double: its actions are invoked directly.
  const actions = actionsRegistryServiceMock();
  const backend = await startTestBackend({
    features: [
      securityFindingsPlugin,
      createServiceFactory({
        service: actionsRegistryServiceRef,
        deps: {},
        factory: () => actions,
      }),
      catalogFactory,
      notifications.factory,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          integratedOps: {
            securityFindings: { reporters: ['ci-scanner'], ...config },
          },
        },
      }),
    ],
  });
  return { server: backend.server, actions, stop: () => backend.stop() };
}
