import { ConfigReader } from '@backstage/config';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { readChecksConfig } from './checksConfig';

const check = (over: object = {}) => ({
  type: 'json-rules-engine',
  name: 'Runbook',
  description: 'A runbook link',
  factIds: ['integratedOpsOwnershipFactRetriever'],
  rule: {
    conditions: { all: [{ fact: 'runbook', operator: 'equal', value: true }] },
  },
  metadata: { discipline: 'devops', level: 'silver' },
  ...over,
});

const read = (checks: object) =>
  readChecksConfig(
    new ConfigReader({ techInsights: { factChecker: { checks } } }),
  );

describe('readChecksConfig', () => {
  it("reads the portal's own checks: each names its discipline and level, with known operators", () => {
    const appConfig = parse(
      readFileSync(resolve(__dirname, '../../../../app-config.yaml'), 'utf8'),
    );
    const facts = readChecksConfig(new ConfigReader(appConfig));
    expect(facts.size).toBe(18);
    expect(facts.get('devopsRunbook')).toEqual(['runbook']);
    expect(facts.get('secopsNoCriticalPastSla')).toEqual([
      'criticalOrHighPastSla',
    ]);
  });

  it('stops startup naming a check with an operator json-rules-engine does not know, however deep', () => {
    expect(() =>
      read({
        devopsRunbook: check({
          rule: {
            conditions: {
              any: [
                { all: [{ fact: 'runbook', operator: 'isTrue', value: true }] },
              ],
            },
          },
        }),
      }),
    ).toThrow(
      'techInsights.factChecker.checks.devopsRunbook: operator "isTrue" (fact runbook) is not one of equal,',
    );
  });

  it('stops startup naming a check without a discipline or level', () => {
    expect(() =>
      read({ devopsRunbook: check({ metadata: { level: 'silver' } }) }),
    ).toThrow(
      'techInsights.factChecker.checks.devopsRunbook.metadata.discipline must be netops, devops or secops, not undefined',
    );
  });
});
