import { Entity } from '@backstage/catalog-model';

const rel = (type: string, targetRef: string) => ({ type, targetRef });
const owned = (netops: string) => [
  rel('netopsOwnedBy', `group:default/${netops}`),
  rel('devopsOwnedBy', 'group:default/sre'),
  rel('secopsOwnedBy', 'group:default/soc-t1'),
];
const entity = (
  kind: string,
  name: string,
  spec: Entity['spec'],
  options: { tags?: string[]; relations?: Entity['relations'] } = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', tags: options.tags },
  spec,
  relations: options.relations ?? [],
});

/**
 * A small processed catalog for change requests: a DMZ with a gateway that
 * handles PCI data in production (NetOps Edge approves, SecOps too, an
 * expiry is due) and a web front end; a corporate /8; and a PCI database in
 * a restricted segment owned by another NetOps team (netops-dc), so a flow
 * into it is approved by the database's owners, not the source's. Team
 * members come from the users' claims (see teamClaims).
 */
export const requestCatalog: Entity[] = [
  entity('Resource', 'seg-dmz', {
    type: 'network-segment',
    network: { cidrs: ['10.20.1.0/24'] },
  }),
  entity('Resource', 'seg-corp', {
    type: 'network-segment',
    network: { cidrs: ['10.0.0.0/8'] },
  }),
  entity('Resource', 'seg-data', {
    type: 'network-segment',
    network: { cidrs: ['10.40.2.0/24'], zone: 'restricted' },
  }),
  entity(
    'Component',
    'gateway',
    {
      type: 'service',
      lifecycle: 'production',
      owner: 'edge-team',
      system: 'edge',
      network: {
        addresses: ['10.20.1.10'],
        segment: 'resource:default/seg-dmz',
      },
    },
    { tags: ['pci'], relations: owned('netops-edge') },
  ),
  entity(
    'Component',
    'web',
    {
      type: 'website',
      owner: 'edge-team',
      network: { segment: 'seg-dmz' },
    },
    { relations: owned('netops-edge') },
  ),
  entity(
    'Resource',
    'cases-db',
    {
      type: 'database',
      owner: 'fraud-team',
      system: 'fraud',
      network: {
        addresses: ['10.40.2.11'],
        segment: 'resource:default/seg-data',
      },
    },
    { tags: ['pci'], relations: owned('netops-dc') },
  ),
];
