import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  OpsOwnershipCollatorFactory,
  OpsOwnershipDocument,
} from './OpsOwnershipCollatorFactory';

const scoring: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'fraud-scoring-service',
    namespace: 'default',
    title: 'Fraud Scoring Service',
    annotations: {
      'integrated-ops.io/netops-owner-source': 'declared',
      'integrated-ops.io/devops-owner-source':
        'inherited:system:default/fraud-detection',
      'integrated-ops.io/secops-owner-source':
        'inherited:domain:default/fraud-prevention',
    },
  },
  spec: {
    type: 'service',
    network: {
      hostnames: ['scoring.fraud.bank.internal'],
      addresses: ['10.20.3.14'],
    },
  },
  relations: [
    { type: 'netopsOwnedBy', targetRef: 'group:default/netops-dc' },
    { type: 'devopsOwnedBy', targetRef: 'group:default/sre-payments' },
    { type: 'secopsOwnedBy', targetRef: 'group:default/soc-tier1' },
  ],
};
const team: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'soc-tier1', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

async function collect(factory: OpsOwnershipCollatorFactory) {
  const docs: OpsOwnershipDocument[] = [];
  for await (const doc of await factory.getCollator()) docs.push(doc);
  return docs;
}

describe('OpsOwnershipCollatorFactory', () => {
  it('indexes entities with hostnames, addresses and their three owners, linking to the lookup', async () => {
    const factory = new OpsOwnershipCollatorFactory({
      catalog: catalogServiceMock({ entities: [scoring, team] }),
      auth: mockServices.auth(),
    });
    const docs = await collect(factory);
    expect(docs).toHaveLength(1); // groups are not indexed
    const [doc] = docs;
    expect(doc).toMatchObject({
      title: 'Fraud Scoring Service',
      location: '/ops-lookup?q=component%3Adefault%2Ffraud-scoring-service',
      entityRef: 'component:default/fraud-scoring-service',
      owners: {
        netops: 'group:default/netops-dc',
        devops: 'group:default/sre-payments',
        secops: 'group:default/soc-tier1',
      },
      authorization: { resourceRef: 'component:default/fraud-scoring-service' },
    });
    // What a person types: the IP, the hostname, a word of the name.
    expect(doc.text.split(' ')).toEqual(
      expect.arrayContaining([
        '10.20.3.14',
        'scoring.fraud.bank.internal',
        'fraud-scoring-service',
      ]),
    );
    expect(doc.text).toContain(
      'NetOps: netops-dc · DevOps: sre-payments · SecOps: soc-tier1',
    );
    expect(factory.visibilityPermission.name).toBe('catalog.entity.read');
  });
});
