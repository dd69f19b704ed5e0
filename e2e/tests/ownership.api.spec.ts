/*
 * The running portal's catalog API carries the typed NetOps / DevOps / SecOps
 * relations for every sample component, system and resource.
 */
import { test, expect } from '@playwright/test';
import { guestToken } from '../support/portalApi';

type Entity = {
  kind: string;
  metadata: { name: string };
  relations?: { type: string; targetRef: string }[];
};

const deliberateGaps = [
  'component:legacy-batch-scorer',
  'resource:model-artifacts-bucket',
];

test('every sample component, system and resource has its three typed owners', async ({
  request,
}) => {
  const token = await guestToken(request);
  let entities: Entity[] = [];
  await expect
    .poll(
      async () => {
        const response = await request.get('/api/catalog/entities', {
          headers: { Authorization: `Bearer ${token}` },
          params: { filter: 'kind=component,kind=system,kind=resource' },
        });
        entities = await response.json();
        return entities
          .filter(e =>
            ['netops', 'devops', 'secops'].some(
              d => !e.relations?.some(r => r.type === `${d}OwnedBy`),
            ),
          )
          .map(e => `${e.kind.toLowerCase()}:${e.metadata.name}`)
          .sort();
      },
      { timeout: 120_000, intervals: [2_000] },
    )
    .toEqual(deliberateGaps);
  expect(
    entities.filter(e => e.kind === 'Component').length,
  ).toBeGreaterThanOrEqual(12);

  const gateway = entities.find(
    e => e.metadata.name === 'edge-transaction-gateway',
  )!;
  expect(
    gateway
      .relations!.filter(r => /[oO]wnedBy$/.test(r.type))
      .map(r => `${r.type} ${r.targetRef}`)
      .sort(),
  ).toEqual([
    'devopsOwnedBy group:default/sre-payments',
    'netopsOwnedBy group:default/netops-edge',
    'ownedBy group:default/payments-edge-team',
    'secopsOwnedBy group:default/soc-tier1',
  ]);
});
