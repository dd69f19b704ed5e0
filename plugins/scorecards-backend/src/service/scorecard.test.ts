import type { CheckResult } from '@backstage-community/plugin-tech-insights-common';
import { disciplineScores, levelOf, readCheckMetadata } from './scorecard';

const result = (
  id: string,
  discipline: string,
  level: string,
  passed: boolean,
  fix?: object,
): CheckResult => ({
  facts: {},
  result: passed,
  check: {
    id,
    type: 'json-rules-engine',
    name: id,
    description: `${id} holds`,
    factIds: ['integratedOpsOwnershipFactRetriever'],
    metadata: { discipline, level, ...(fix ? { fix } : {}) },
  } as CheckResult['check'],
});

const outcome = (level: string, passed: boolean) => ({
  id: `${level}-${passed}`,
  name: level,
  description: '',
  level: level as 'bronze',
  passed,
});

describe('levelOf', () => {
  it('reaches the highest level whose checks and all below pass', () => {
    expect(
      levelOf([
        outcome('bronze', true),
        outcome('silver', true),
        outcome('gold', false),
      ]),
    ).toEqual({ level: 'silver', next: 'gold' });
    expect(
      levelOf([
        outcome('bronze', true),
        outcome('silver', true),
        outcome('gold', true),
      ]),
    ).toEqual({ level: 'gold' });
  });

  it('stops at the first failing level even when a higher one passes', () => {
    expect(
      levelOf([
        outcome('bronze', true),
        outcome('silver', false),
        outcome('gold', true),
      ]),
    ).toEqual({ level: 'bronze', next: 'silver' });
    expect(
      levelOf([outcome('bronze', false), outcome('silver', true)]),
    ).toEqual({ level: 'none', next: 'bronze' });
  });

  it('passes through a level with no checks without reaching it', () => {
    expect(levelOf([outcome('bronze', true), outcome('gold', true)])).toEqual({
      level: 'gold',
    });
    expect(levelOf([])).toEqual({ level: 'none' });
  });
});

describe('disciplineScores', () => {
  it('puts three disciplines side by side, failing checks first, each with its fix', () => {
    const [netops, devops, secops] = disciplineScores([
      result('netopsOwner', 'netops', 'bronze', true),
      result('devopsOwner', 'devops', 'bronze', true),
      result('devopsRunbook', 'devops', 'silver', false, {
        title: 'Add a runbook link',
        url: '/docs/runbooks',
      }),
      result('devopsOnCall', 'devops', 'silver', true),
    ]);
    expect(netops).toMatchObject({
      discipline: 'netops',
      level: 'bronze',
      passed: 1,
      total: 1,
    });
    expect(devops).toMatchObject({
      discipline: 'devops',
      level: 'bronze',
      next: 'silver',
      passed: 2,
      total: 3,
    });
    expect(devops.checks[0]).toEqual({
      id: 'devopsRunbook',
      name: 'devopsRunbook',
      description: 'devopsRunbook holds',
      level: 'silver',
      passed: false,
      fix: { title: 'Add a runbook link', url: '/docs/runbooks' },
    });
    expect(secops).toMatchObject({ level: 'none', total: 0, checks: [] });
  });

  it('keeps the fix of a passing check out of the answer', () => {
    const [netops] = disciplineScores([
      result('netopsOwner', 'netops', 'bronze', true, { title: 'Declare it' }),
    ]);
    expect(netops.checks[0].fix).toBeUndefined();
  });
});

describe('readCheckMetadata', () => {
  it('names the check whose metadata has no usable discipline or level', () => {
    expect(() =>
      readCheckMetadata('runbook', { discipline: 'finops', level: 'gold' }),
    ).toThrow(
      'techInsights.factChecker.checks.runbook.metadata.discipline must be netops, devops or secops, not "finops"',
    );
    expect(() =>
      readCheckMetadata('runbook', { discipline: 'devops' }),
    ).toThrow(
      'techInsights.factChecker.checks.runbook.metadata.level must be bronze, silver or gold, not undefined',
    );
    expect(() =>
      readCheckMetadata('runbook', {
        discipline: 'devops',
        level: 'gold',
        fix: {},
      }),
    ).toThrow(
      'techInsights.factChecker.checks.runbook.metadata.fix needs a title',
    );
  });
});
