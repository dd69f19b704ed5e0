import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import techInsightsBackend from '@backstage-community/plugin-tech-insights-backend';
import request from 'supertest';
import { techInsightsModuleScorecards } from './module';

/** A retriever declaring `runbook` and `onCall`, as the portal's fact modules add theirs. */
const runbookFacts = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'test-runbook-facts',
  register(reg) {
    reg.registerInit({
      deps: { retrievers: techInsightsFactRetrieversExtensionPoint },
      async init({ retrievers }) {
        retrievers.addFactRetrievers({
          runbookFacts: {
            id: 'runbookFacts',
            version: '0.1.0',
            entityFilter: [{ kind: 'component' }],
            schema: {
              runbook: { type: 'boolean', description: 'has a runbook' },
              onCall: { type: 'integer', description: 'people on call' },
            },
            handler: async () => [],
          },
        });
      },
    });
  },
});

const check = (fact: string, factIds = ['runbookFacts']) => ({
  type: 'json-rules-engine',
  name: fact,
  description: `reads ${fact}`,
  factIds,
  rule: {
    conditions: {
      all: [{ fact, operator: 'equal', value: true }],
    },
  },
});

/** Tech Insights with the module, the retriever scheduled, and these checks. */
const start = (checks: Record<string, object>, retrieverConfigured = true) =>
  startTestBackend({
    features: [
      techInsightsBackend,
      techInsightsModuleScorecards,
      runbookFacts,
      catalogServiceMock.factory(),
      mockServices.rootConfig.factory({
        data: {
          techInsights: {
            factRetrievers: retrieverConfigured
              ? { runbookFacts: { cadence: '0 3 * * *' } }
              : {},
            factChecker: { checks },
          },
        },
      }),
    ],
  });

describe('techInsightsModuleScorecards', () => {
  it('starts Tech Insights with checks that read declared facts, from any of their retrievers or the one a condition names, and serves them', async () => {
    const { server } = await start({
      devopsRunbook: check('runbook'),
      devopsOnCall: {
        ...check('onCall'),
        rule: {
          conditions: {
            any: [
              {
                not: {
                  fact: 'onCall',
                  operator: 'lessThan',
                  value: 2,
                  params: { factRetrieverId: 'runbookFacts' },
                },
              },
            ],
          },
        },
      },
    });
    const res = await request(server).get('/api/tech-insights/checks');
    expect(res.status).toBe(200);
    expect(res.body.map((c: { id: string }) => c.id).sort()).toEqual([
      'devopsOnCall',
      'devopsRunbook',
    ]);
  });

  it('stops startup on a condition that names a retriever outside its factIds, or a dotted name the rules engine does not read', async () => {
    const from = (retriever: string) => ({
      ...check('runbook'),
      rule: {
        conditions: {
          all: [
            {
              fact: 'runbook',
              operator: 'equal',
              value: true,
              params: { factRetrieverId: retriever },
            },
          ],
        },
      },
    });
    await expect(
      start({ devopsRunbook: from('securityFacts') }),
    ).rejects.toThrow(
      'techInsights.factChecker.checks.devopsRunbook reads fact runbook from securityFacts, which is not one of its factIds (runbookFacts)',
    );
    await expect(
      start({ devopsRunbook: check('runbookFacts.runbook') }),
    ).rejects.toThrow(
      'techInsights.factChecker.checks.devopsRunbook reads fact runbookFacts.runbook, which none of its retrievers (runbookFacts) declares',
    );
  });

  it('stops startup naming each check that reads a fact its retrievers do not declare, however nested', async () => {
    await expect(
      start({
        devopsRunbook: check('runbook'),
        devopsPager: {
          ...check('pagerLink'),
          rule: {
            conditions: {
              any: [
                {
                  all: [{ fact: 'pagerLink', operator: 'equal', value: true }],
                },
              ],
            },
          },
        },
      }),
    ).rejects.toThrow(
      'techInsights.factChecker.checks.devopsPager reads fact pagerLink, which none of its retrievers (runbookFacts) declares',
    );
  });

  it('stops startup naming a check whose retriever is not registered: unknown, or not scheduled in techInsights.factRetrievers', async () => {
    await expect(
      start({ netopsBaseline: check('baseline', ['connectivityFacts']) }),
    ).rejects.toThrow(
      'techInsights.factChecker.checks.netopsBaseline.factIds names connectivityFacts, which is not a registered fact retriever (registered: runbookFacts)',
    );
    await expect(
      start({ devopsRunbook: check('runbook') }, false),
    ).rejects.toThrow(
      'techInsights.factChecker.checks.devopsRunbook.factIds names runbookFacts, which is not a registered fact retriever (registered: )',
    );
  });
});
