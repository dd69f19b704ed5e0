/**
 * A json-rules-engine condition as
 * `techInsights.factChecker.checks.<id>.rule.conditions` holds it.
 *
 * @public
 */
export type CheckCondition = {
  fact?: string;
  operator?: string;
  /** `factRetrieverId`: read the fact from this retriever only. */
  params?: { factRetrieverId?: unknown };
  all?: CheckCondition[];
  any?: CheckCondition[];
  not?: CheckCondition;
};

/**
 * Every condition of a check's rule that reads a fact, however deeply it is
 * nested in `all`, `any` and `not`.
 *
 * @public
 */
export function factConditions(
  condition: CheckCondition | undefined,
): CheckCondition[] {
  if (!condition) return [];
  const nested = [
    ...(condition.all ?? []),
    ...(condition.any ?? []),
    ...(condition.not ? [condition.not] : []),
  ];
  return [
    ...(condition.fact !== undefined ? [condition] : []),
    ...nested.flatMap(factConditions),
  ];
}
