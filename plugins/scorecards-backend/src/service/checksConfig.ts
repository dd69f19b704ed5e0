import { Config } from '@backstage/config';
import {
  CheckCondition,
  factConditions,
} from '@integrated-ops/plugin-scorecards-common';
import { readCheckMetadata } from './scorecard';

/** json-rules-engine's operators (the jsonfc module adds none by default). */
export const OPERATORS = new Set([
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
]);

/**
 * Reads `techInsights.factChecker.checks` as the scorecards use them; throws,
 * naming the check and the key, on a check without a usable discipline or
 * level or with an operator json-rules-engine does not know (the jsonfc
 * module only logs those). Answers the facts each check reads, by id.
 */
export function readChecksConfig(config: Config): Map<string, string[]> {
  const checks = config.getOptionalConfig('techInsights.factChecker.checks');
  const facts = new Map<string, string[]>();
  for (const id of checks?.keys() ?? []) {
    const check = checks!.getConfig(id);
    readCheckMetadata(id, check.getOptional('metadata'));
    const rule = check.getOptional('rule') as
      | { conditions?: CheckCondition }
      | undefined;
    const all = factConditions(rule?.conditions);
    for (const c of all) {
      if (!c.operator || !OPERATORS.has(c.operator)) {
        throw new Error(
          `techInsights.factChecker.checks.${id}: operator ${JSON.stringify(
            c.operator,
          )} (fact ${c.fact}) is not one of ${[...OPERATORS].join(', ')}`,
        );
      }
    }
    facts.set(
      id,
      all.map(c => c.fact!),
    );
  }
  return facts;
}
