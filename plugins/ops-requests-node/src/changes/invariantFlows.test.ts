import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { invariantFlows } from './invariantFlows';

const entity = (
  kind: string,
  name: string,
  network: { cidrs?: string[]; zone?: string; segment?: string },
  tags?: string[],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', tags },
  spec: { type: network.cidrs ? 'network-segment' : 'service', network },
});

const catalog = catalogServiceMock({
  entities: [
    entity('Resource', 'seg-dmz-edge', {
      cidrs: ['10.20.1.0/24'],
      zone: 'dmz',
    }),
    entity('Resource', 'seg-data', {
      cidrs: ['10.40.2.0/24'],
      zone: 'restricted',
    }),
    entity('Component', 'payments-web', {
      segment: 'resource:default/seg-dmz-edge',
      // Its owners cannot declare it into another zone: the segment's wins.
      zone: 'pci',
    }),
    entity(
      'Resource',
      'fraud-cases-db',
      { segment: 'resource:default/seg-data' },
      ['PCI', 'pii'],
    ),
  ],
});

describe('invariantFlows', () => {
  it('puts a bare address range in the zone of the narrowest segment covering it (a /32 does not leave the DMZ)', async () => {
    const [flow] = await invariantFlows(
      {
        added: [
          {
            from: '10.20.1.10',
            to: 'resource:default/fraud-cases-db',
            toWorkload: 'resource:default/fraud-cases-db',
            before: '',
            after: 'TCP 5432',
            narrows: false,
          },
        ],
        changed: [],
      },
      catalog,
      mockCredentials.service(),
    );
    expect(flow.from).toEqual({
      name: '10.20.1.10',
      zone: 'dmz',
      dataClasses: [],
      external: true,
    });
  });

  it("gives each end of what a change adds its segment's zone, its tags and whether it is a range", async () => {
    const flows = await invariantFlows(
      {
        added: [
          {
            from: 'component:default/payments-web',
            fromWorkload: 'transaction-edge/payments-web[Deployment]',
            to: 'resource:default/fraud-cases-db (10.40.2.11)',
            before: '',
            after: 'TCP 5432',
            narrows: false,
          },
        ],
        changed: [
          {
            from: 'resource:default/seg-dmz-edge (10.20.1.0/24)',
            to: 'transaction-edge/unmapped[Deployment]',
            toWorkload: 'transaction-edge/unmapped[Deployment]',
            before: 'TCP 80',
            after: 'TCP 80,TCP 443',
            narrows: false,
          },
        ],
      },
      catalog,
      mockCredentials.service(),
    );
    expect(flows).toEqual([
      {
        from: {
          name: 'component:default/payments-web',
          entityRef: 'component:default/payments-web',
          zone: 'dmz',
          dataClasses: [],
          external: false,
        },
        to: {
          name: 'resource:default/fraud-cases-db (10.40.2.11)',
          entityRef: 'resource:default/fraud-cases-db',
          zone: 'restricted',
          dataClasses: ['pci', 'pii'],
          external: true,
        },
        allows: 'TCP 5432',
      },
      {
        // A segment is in its own zone; a workload no entity maps to, in none.
        from: {
          name: 'resource:default/seg-dmz-edge (10.20.1.0/24)',
          entityRef: 'resource:default/seg-dmz-edge',
          zone: 'dmz',
          dataClasses: [],
          external: true,
        },
        to: {
          name: 'transaction-edge/unmapped[Deployment]',
          dataClasses: [],
          external: false,
        },
        allows: 'TCP 80,TCP 443',
      },
    ]);
  });
});
