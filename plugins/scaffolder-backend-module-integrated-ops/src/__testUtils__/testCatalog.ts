import { JsonObject } from '@backstage/types';
import { Entity } from '@backstage/catalog-model';
import { Discipline } from '@integrated-ops/plugin-integrated-ops-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { resolve } from 'path';

/** The repository's own change policy: the tests judge by what ships. */
export const POLICY_FILE = resolve(
  __dirname,
  '../../../../policies/change-policy.yaml',
);

type Owners = Partial<Record<Discipline, string>>;

/** An entity as the catalog serves it after our processor: typed owner relations included. */
function entity(
  kind: string,
  name: string,
  spec: JsonObject,
  options: { owners?: Owners; tags?: string[]; inheritedFrom?: string } = {},
): Entity {
  const owners = options.owners ?? {};
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name,
      namespace: 'default',
      tags: options.tags,
      annotations: Object.fromEntries(
        Object.keys(owners).map(d => [
          `integrated-ops.io/${d}-owner-source`,
          options.inheritedFrom
            ? `inherited:${options.inheritedFrom}`
            : 'declared',
        ]),
      ),
    },
    spec,
    relations: Object.entries(owners).map(([d, target]) => ({
      type: `${d}OwnedBy`,
      targetRef: target!,
    })),
  };
}

const fullOwners: Owners = {
  netops: 'group:default/netops-dc',
  devops: 'group:default/sre-payments',
  secops: 'group:default/soc-tier1',
};

/** A slice of the sample bank estate with the gaps the rules need. */
export function testEntities(): Entity[] {
  return [
    entity(
      'Resource',
      'seg-pci-app',
      {
        type: 'network-segment',
        network: { cidrs: ['10.20.3.0/24'], zone: 'pci' },
      },
      { owners: fullOwners },
    ),
    entity(
      'Resource',
      'seg-corp',
      {
        type: 'network-segment',
        network: { cidrs: ['10.0.0.0/8'], zone: 'corporate' },
      },
      { owners: fullOwners },
    ),
    entity(
      'Resource',
      'internet',
      {
        type: 'network-segment',
        network: { cidrs: ['0.0.0.0/0'], zone: 'internet' },
      },
      { owners: fullOwners },
    ),
    entity(
      'Component',
      'fraud-scoring-service',
      {
        type: 'service',
        lifecycle: 'production',
        owner: 'group:default/fraud-ml-team',
        system: 'fraud-detection',
        network: { addresses: ['10.20.3.14'], segment: 'seg-pci-app' },
      },
      { owners: fullOwners, tags: ['go', 'pci'] },
    ),
    entity(
      'Component',
      'fraud-case-management',
      {
        type: 'service',
        lifecycle: 'production',
        system: 'fraud-detection',
        network: { addresses: ['10.20.3.20'], segment: 'seg-pci-app' },
      },
      { owners: fullOwners },
    ),
    // PCI data, but nobody from SecOps owns it.
    entity(
      'Component',
      'legacy-batch-scorer',
      {
        type: 'service',
        lifecycle: 'production',
        network: { addresses: ['10.20.3.99'], segment: 'seg-pci-app' },
      },
      { owners: { netops: 'group:default/netops-dc' }, tags: ['pci'] },
    ),
    // No NetOps owner to approve a flow into it.
    entity(
      'Component',
      'orphan-api',
      {
        type: 'service',
        lifecycle: 'experimental',
        network: { addresses: ['10.20.3.50'], segment: 'seg-pci-app' },
      },
      {
        owners: {
          devops: 'group:default/sre-payments',
          secops: 'group:default/soc-tier1',
        },
      },
    ),
    entity('System', 'fraud-detection', {}, { owners: fullOwners }),
    // The teams, with the discipline each serves (spec.opsTeam.discipline).
    group('netops-dc', 'netops'),
    group('sre-payments', 'devops'),
    group('platform-delivery', 'devops'),
    group('soc-tier1', 'secops'),
    // Product teams: no discipline, so never an ops owner.
    group('payments-edge-team'),
    group('fraud-ml-team'),
  ];
}

function group(name: string, discipline?: Discipline): Entity {
  return entity('Group', name, {
    type: 'team',
    children: [],
    ...(discipline ? { opsTeam: { discipline } } : {}),
  });
}

export const testCatalog = () =>
  catalogServiceMock({ entities: testEntities() });
