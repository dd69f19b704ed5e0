/*
 * scorecards-failing-checks as an AI agent calls it over MCP: the entity's
 * level per discipline and what fails with its fix, for the caller's
 * credentials (an entity they may not read is not found).
 */
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { TechInsightsService } from '@backstage-community/plugin-tech-insights-node';
import { ScorecardService } from '../service/ScorecardService';
import { registerFailingChecksAction } from './registerFailingChecksAction';

const scoring = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'fraud-scoring-service', namespace: 'default' },
  spec: {},
};

const check = (
  id: string,
  discipline: string,
  level: string,
  result: boolean,
  fix?: object,
) => ({
  facts: {},
  result,
  check: {
    id,
    type: 'json-rules-engine',
    name: id,
    description: id,
    factIds: ['f'],
    metadata: { discipline, level, ...(fix ? { fix } : {}) },
  },
});

const techInsights = {
  runChecks: async () => [
    check('netopsOwner', 'netops', 'bronze', true),
    check('secopsDeclared', 'secops', 'gold', false, {
      title: 'Declare spec.opsOwners.secops',
    }),
    check('secopsSla', 'secops', 'silver', true),
    check('devopsRunbook', 'devops', 'bronze', false, {
      title: 'Add a runbook link',
      url: '/create/templates/default/runbook',
    }),
  ],
  getFacts: async () => ({}),
} as unknown as TechInsightsService;

/** Only raj.patel may read the scoring service. */
const catalog = catalogServiceMock.mock({
  getEntityByRef: jest.fn(async (_ref, { credentials }: any) =>
    credentials.principal.userEntityRef === 'user:default/raj.patel'
      ? scoring
      : undefined,
  ) as any,
});

describe('MCP action scorecards-failing-checks', () => {
  const registry = actionsRegistryServiceMock();
  registerFailingChecksAction(
    registry,
    new ScorecardService({
      catalog,
      techInsights,
      logger: mockServices.logger.mock(),
    }),
  );
  const invoke = (entity: string, user = 'user:default/raj.patel') =>
    registry
      .invoke({
        id: 'test:scorecards-failing-checks',
        input: { entity },
        credentials: mockCredentials.user(user),
      })
      .then(r => r.output as any);

  it('answers the level per discipline and each failing check with its fix', async () => {
    const out = await invoke('fraud-scoring-service');
    expect(out.summary).toBe(
      'component:default/fraud-scoring-service: NetOps bronze, DevOps none (1 failing), SecOps silver (1 failing)',
    );
    expect(out.disciplines[1]).toEqual({
      discipline: 'devops',
      level: 'none',
      failing: [
        {
          id: 'devopsRunbook',
          name: 'devopsRunbook',
          level: 'bronze',
          fix: {
            title: 'Add a runbook link',
            url: '/create/templates/default/runbook',
          },
        },
      ],
    });
  });

  it('does not know an entity the caller may not read, nor a malformed one', async () => {
    await expect(
      invoke('fraud-scoring-service', 'user:default/ana.ruiz'),
    ).rejects.toThrow(/No entity component:default\/fraud-scoring-service/);
    await expect(invoke('component:')).rejects.toThrow(
      /not an entity name or ref/,
    );
  });
});
