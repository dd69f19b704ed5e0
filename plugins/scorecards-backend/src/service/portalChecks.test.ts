/*
 * The portal's own checks (app-config.yaml), run by the real
 * JSON-rules-engine fact checker Tech Insights uses: each passes on facts
 * where everything is in order, and fails on facts that differ in exactly
 * the fact it reads.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { JsonRulesEngineFactChecker } from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import type { TechInsightsStore } from '@backstage-community/plugin-tech-insights-node';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

type Facts = Record<string, string | number | boolean>;

/** Each retriever's facts for an entity where everything is in order. */
const inOrder: Record<string, Facts> = {
  integratedOpsOwnershipFactRetriever: {
    netopsOwner: 'declared',
    devopsOwner: 'declared',
    secopsOwner: 'declared',
    netopsOnCall: 2,
    devopsOnCall: 3,
    secopsOnCall: 2,
    runbook: true,
  },
  securityFindingsFactRetriever: {
    openCritical: 0,
    openHigh: 0,
    criticalOrHighPastSla: 0,
    netopsPastSla: 0,
    devopsPastSla: 0,
    secopsPastSla: 0,
    scanned: true,
  },
  connectivityFactRetriever: {
    workloads: 1,
    baseline: true,
    expiredRules: 0,
    invariantViolations: 0,
  },
  opsRequestsRecertificationFactRetriever: {
    netopsRecertification: 'confirmed',
    devopsRecertification: 'handover-accepted',
    secopsRecertification: 'confirmed',
  },
};

/** For each check: the one fact that makes it fail, and its value. */
const failingFact: Record<string, [string, string | number | boolean]> = {
  netopsOwner: ['netopsOwner', 'fallback'],
  netopsNoInvariantViolation: ['invariantViolations', 1],
  netopsBaseline: ['baseline', false],
  netopsNoExpiredAccess: ['expiredRules', 1],
  netopsOnCall: ['netopsOnCall', 1],
  netopsDeclared: ['netopsOwner', 'inherited'],
  netopsNoFindingPastSla: ['netopsPastSla', 1],
  devopsOwner: ['devopsOwner', 'fallback'],
  devopsOnCall: ['devopsOnCall', 1],
  devopsRunbook: ['runbook', false],
  devopsDeclared: ['devopsOwner', 'inherited'],
  devopsRecertified: ['devopsRecertification', 'pending'],
  devopsNoFindingPastSla: ['devopsPastSla', 2],
  secopsOwner: ['secopsOwner', 'missing'],
  secopsOnCall: ['secopsOnCall', 0],
  secopsNoCriticalPastSla: ['criticalOrHighPastSla', 1],
  secopsScanned: ['scanned', false],
  secopsDeclared: ['secopsOwner', 'inherited'],
};

const appConfig = parse(
  readFileSync(resolve(__dirname, '../../../../app-config.yaml'), 'utf8'),
);
const configured: Record<string, any> =
  appConfig.techInsights.factChecker.checks;
const checks = Object.entries(configured).map(([id, c]) => ({ id, ...c }));

/** The checker over a store holding these facts (schemas from their types). */
function checker(facts: Record<string, Facts>) {
  const store: Partial<TechInsightsStore> = {
    async getLatestFactsByIds(ids, entity) {
      return Object.fromEntries(
        ids.map(id => [
          id,
          {
            id,
            entity: { kind: 'component', namespace: 'default', name: entity },
            timestamp: new Date() as any,
            version: '0.1.0',
            facts: facts[id],
          },
        ]),
      ) as any;
    },
    async getLatestSchemas(ids) {
      return (ids ?? []).map(id =>
        Object.fromEntries(
          Object.entries(facts[id]).map(([name, value]) => [
            name,
            {
              type: typeof value === 'number' ? 'integer' : typeof value,
              description: name,
            },
          ]),
        ),
      ) as any;
    },
  };
  return new JsonRulesEngineFactChecker({
    checks: checks as any,
    repository: store as TechInsightsStore,
    logger: mockServices.logger.mock(),
  });
}

async function failing(facts: Record<string, Facts>): Promise<string[]> {
  const results = await checker(facts).runChecks(
    'component:default/fraud-scoring-service',
  );
  expect(results).toHaveLength(checks.length);
  return results
    .filter(r => !r.result)
    .map(r => r.check.id)
    .sort();
}

/** `inOrder` with one fact changed. */
function differingIn(fact: string, value: string | number | boolean) {
  const retriever = Object.keys(inOrder).find(r => fact in inOrder[r]);
  if (!retriever) throw new Error(`no retriever holds ${fact}`);
  return {
    ...inOrder,
    [retriever]: { ...inOrder[retriever], [fact]: value },
  };
}

describe("the portal's checks", () => {
  it('each has a fixture that makes it fail', () => {
    expect(Object.keys(failingFact).sort()).toEqual(
      checks.map(c => c.id).sort(),
    );
  });

  it('all pass where everything is in order', async () => {
    expect(await failing(inOrder)).toEqual([]);
  });

  it.each(Object.entries(failingFact))(
    '%s fails on facts that differ in exactly its fact',
    async (id, [fact, value]) => {
      const failed = await failing(differingIn(fact, value));
      expect(failed).toContain(id);
      // Whatever else fails reads the same fact.
      for (const other of failed) {
        expect(JSON.stringify(configured[other].rule)).toContain(
          `"fact":"${fact}"`,
        );
      }
    },
  );
});
