import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { TechInsightsService } from '@backstage-community/plugin-tech-insights-node';
import express from 'express';
import request from 'supertest';
import { ScorecardService } from '../service/ScorecardService';
import { CampaignService } from '../campaigns/CampaignService';
import { createScorecardsRouter } from './createScorecardsRouter';

const scoring = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'fraud-scoring-service', namespace: 'default' },
  spec: {},
};

function techInsights(
  over: Partial<TechInsightsService> = {},
): TechInsightsService {
  return {
    getAllChecks: async () => [],
    getFactSchemas: async () => [],
    runBulkChecks: async () => [],
    runChecks: jest.fn(async () => [
      {
        facts: {},
        result: false,
        check: {
          id: 'devopsRunbook',
          type: 'json-rules-engine',
          name: 'Runbook',
          description: 'A runbook link',
          factIds: ['integratedOpsOwnershipFactRetriever'],
          metadata: {
            discipline: 'devops',
            level: 'silver',
            fix: { title: 'Add a runbook link' },
          },
        },
      },
    ]),
    getFacts: async () => ({
      integratedOpsOwnershipFactRetriever: {
        timestamp: null as unknown as string,
        version: '0.1.0',
        facts: { retrievedAt: '2026-12-07T01:47:04.400Z' },
      },
    }),
    ...over,
  } as TechInsightsService;
}

/** A catalog where only raj.patel may read the scoring service. */
const catalog = catalogServiceMock.mock({
  getEntityByRef: jest.fn(async (_ref, { credentials }: any) =>
    credentials.principal.userEntityRef === 'user:default/raj.patel'
      ? scoring
      : undefined,
  ) as any,
});

async function app(insights = techInsights()) {
  const service = new ScorecardService({
    catalog,
    techInsights: insights,
    logger: mockServices.logger.mock(),
  });
  const router = await createScorecardsRouter({
    httpAuth: mockServices.httpAuth({
      defaultCredentials: mockCredentials.none(),
    }),
    service,
    campaigns: {} as CampaignService,
  });
  return express().use(router).use(mockErrorHandler());
}

const as = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});

describe('GET /entity', () => {
  it("answers the reader the entity's disciplines, what fails, its fix and how old the facts are", async () => {
    const res = await request(await app())
      .get('/entity')
      .query({ entity: 'component:default/fraud-scoring-service' })
      .set(as('user:default/raj.patel'));
    expect(res.status).toBe(200);
    expect(res.body.factsAt).toBe('2026-12-07T01:47:04.400Z');
    expect(res.body.disciplines[1]).toMatchObject({
      discipline: 'devops',
      level: 'none',
      next: 'silver',
      checks: [
        {
          id: 'devopsRunbook',
          passed: false,
          fix: { title: 'Add a runbook link' },
        },
      ],
    });
  });

  it('is a 404 for someone who may not read the entity, and runs no check for them', async () => {
    const insights = techInsights();
    const res = await request(await app(insights))
      .get('/entity')
      .query({ entity: 'component:default/fraud-scoring-service' })
      .set(as('user:default/mia.jensen'));
    expect(res.status).toBe(404);
    expect(insights.runChecks).not.toHaveBeenCalled();
  });

  it('is a 503 naming the cause when the checks cannot run, and 401/400 without a token or entity', async () => {
    const failing = await app(
      techInsights({
        runChecks: async () => {
          throw new Error('no facts for this entity yet');
        },
      }),
    );
    const res = await request(failing)
      .get('/entity')
      .query({ entity: 'component:default/fraud-scoring-service' })
      .set(as('user:default/raj.patel'));
    expect([res.status, res.body.error.message]).toEqual([
      503,
      'The checks of component:default/fraud-scoring-service cannot be run yet: no facts for this entity yet',
    ]);
    expect(
      (await request(failing).get('/entity').query({ entity: 'x:y/z' })).status,
    ).toBe(401);
    expect(
      (await request(failing).get('/entity').set(as('user:default/raj.patel')))
        .status,
    ).toBe(400);
  });
});
