import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogOwnershipOf } from './catalogOwnershipOf';
import { OwnershipIndexService } from './OwnershipIndexService';

const user = (name: string, groups: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf: groups },
  relations: groups.map(g => ({
    type: 'memberOf',
    targetRef: `group:default/${g}`,
  })),
});

describe('catalogOwnershipOf', () => {
  it('gives a user the refs a catalog sign-in would: the user and its groups, as of the index', async () => {
    const builtAt = new Date('2026-12-01T02:13:00Z');
    const entities = [
      user('li.wei', ['soc-tier1', 'secops-vuln']),
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'soc-tier1', namespace: 'default' },
        spec: { type: 'team', children: [] },
      } as Entity,
    ];
    const indexService = new OwnershipIndexService({
      sync: async () => ({
        entities: () => entities,
        upserted: entities,
        removed: [],
      }),
      logger: mockServices.logger.mock(),
      staleAfterMs: 60_000,
      now: () => builtAt,
    });
    expect(catalogOwnershipOf(indexService, 'user:default/li.wei')).toBe(
      undefined,
    ); // no index yet
    await indexService.refresh();
    expect(catalogOwnershipOf(indexService, 'user:default/Li.Wei')).toEqual({
      ownershipEntityRefs: [
        'user:default/li.wei',
        'group:default/soc-tier1',
        'group:default/secops-vuln',
      ],
      asOf: builtAt,
    });
    expect(
      catalogOwnershipOf(indexService, 'group:default/soc-tier1'),
    ).toBeUndefined();
    expect(
      catalogOwnershipOf(indexService, 'user:default/mallory'),
    ).toBeUndefined();
  });
});
