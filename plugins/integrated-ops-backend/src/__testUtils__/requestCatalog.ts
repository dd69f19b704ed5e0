import { Entity } from '@backstage/catalog-model';
import { testCatalog } from './testCatalog';

const rel = (type: string, targetRef: string) => ({ type, targetRef });

/**
 * The test catalog for change requests: members in the approving teams
 * (netops-edge has ana and tom; soc-t1 gets lucas and elena), the gateway
 * handles PCI data in production (SecOps approves, an expiry is due), and a
 * PCI database in a restricted segment owned by another NetOps team
 * (netops-dc, with omar), so a flow into it is approved by the database's
 * owners, not the source's.
 */
export const requestCatalog: Entity[] = [
  ...testCatalog.map(e => {
    if (e.kind === 'Group' && e.metadata.name === 'soc-t1') {
      return {
        ...e,
        relations: [
          ...(e.relations ?? []),
          rel('hasMember', 'user:default/lucas'),
          rel('hasMember', 'user:default/elena'),
        ],
      };
    }
    if (e.kind === 'Component' && e.metadata.name === 'gateway') {
      return {
        ...e,
        metadata: { ...e.metadata, tags: ['pci'] },
        spec: { ...e.spec, lifecycle: 'production' },
      };
    }
    return e;
  }),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'netops-dc', namespace: 'default' },
    spec: { type: 'team', children: [], opsTeam: { discipline: 'netops' } },
    relations: [rel('hasMember', 'user:default/omar')],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'seg-data', namespace: 'default' },
    spec: {
      type: 'network-segment',
      network: { cidrs: ['10.40.2.0/24'], zone: 'restricted' },
    },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'cases-db', namespace: 'default', tags: ['pci'] },
    spec: {
      type: 'database',
      owner: 'fraud-team',
      system: 'fraud',
      network: {
        addresses: ['10.40.2.11'],
        segment: 'resource:default/seg-data',
      },
    },
    relations: [
      rel('netopsOwnedBy', 'group:default/netops-dc'),
      rel('devopsOwnedBy', 'group:default/sre'),
      rel('secopsOwnedBy', 'group:default/soc-t1'),
    ],
  },
];
