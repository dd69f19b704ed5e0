import type { CheckResult } from '@backstage-community/plugin-tech-insights-common';
import {
  Discipline,
  DISCIPLINES,
} from '@integrated-ops/plugin-integrated-ops-common';
import type {
  CheckOutcome,
  DisciplineScore,
  Level,
} from '@integrated-ops/plugin-scorecards-common';

/** The levels a discipline climbs, lowest first. */
export const LEVELS = ['bronze', 'silver', 'gold'] as const;

/** A level's place among LEVELS: -1 for none, 0 bronze, 1 silver, 2 gold. */
export function levelRank(level: Level | CheckMetadata['level']): number {
  return LEVELS.indexOf(level as (typeof LEVELS)[number]);
}

/** What a check's `metadata` must say for the scorecard (checked at start). */
export interface CheckMetadata {
  discipline: Discipline;
  level: (typeof LEVELS)[number];
  fix?: { title: string; url?: string };
}

/** The metadata of a configured check; an Error naming the check when it is not usable. */
export function readCheckMetadata(
  id: string,
  metadata: Record<string, unknown> | undefined,
): CheckMetadata {
  const discipline = metadata?.discipline;
  const level = metadata?.level;
  if (!DISCIPLINES.includes(discipline as Discipline)) {
    throw new Error(
      `techInsights.factChecker.checks.${id}.metadata.discipline must be netops, devops or secops, not ${JSON.stringify(
        discipline,
      )}`,
    );
  }
  if (!LEVELS.includes(level as CheckMetadata['level'])) {
    throw new Error(
      `techInsights.factChecker.checks.${id}.metadata.level must be bronze, silver or gold, not ${JSON.stringify(
        level,
      )}`,
    );
  }
  const fix = metadata?.fix as CheckMetadata['fix'] | undefined;
  if (fix !== undefined && typeof fix?.title !== 'string') {
    throw new Error(
      `techInsights.factChecker.checks.${id}.metadata.fix needs a title`,
    );
  }
  return {
    discipline: discipline as Discipline,
    level: level as CheckMetadata['level'],
    fix,
  };
}

/**
 * The level a discipline reached: the highest level whose checks, and the
 * checks of every level below, all pass (a level with no check is passed
 * through, not reached). `next` is the first level above it that has checks.
 */
export function levelOf(checks: CheckOutcome[]): {
  level: Level;
  next?: Level;
} {
  let level: Level = 'none';
  for (const l of LEVELS) {
    const at = checks.filter(c => c.level === l);
    if (at.some(c => !c.passed)) {
      return { level, next: l };
    }
    if (at.length) level = l;
  }
  return { level };
}

/** Three disciplines side by side from the checks' results, failing checks first. */
export function disciplineScores(results: CheckResult[]): DisciplineScore[] {
  const outcomes = results.map(r => {
    const meta = readCheckMetadata(r.check.id, r.check.metadata);
    const outcome: CheckOutcome = {
      id: r.check.id,
      name: r.check.name,
      description: r.check.description,
      level: meta.level,
      passed: r.result === true,
      ...(meta.fix && r.result !== true ? { fix: meta.fix } : {}),
    };
    return { discipline: meta.discipline, outcome };
  });
  return DISCIPLINES.map(discipline => {
    const checks = outcomes
      .filter(o => o.discipline === discipline)
      .map(o => o.outcome)
      .sort(
        (a, b) =>
          Number(a.passed) - Number(b.passed) ||
          levelRank(a.level) - levelRank(b.level),
      );
    return {
      discipline,
      ...levelOf(checks),
      passed: checks.filter(c => c.passed).length,
      total: checks.length,
      checks,
    };
  });
}
