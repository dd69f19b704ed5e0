import { z } from 'zod';
import { POLICY_KINDS } from '../enums';
import type { ChangeRequestFacts, RuleResult } from './changeRequest';
import { celSyntaxError, judgeCel, MAX_CEL_LENGTH } from './celExpressions';
import { authoredRuleId, fail, pass } from './ruleResult';

/** What a fixture's `request` is laid over: the fields every request has. */
const FIXTURE_BASE = {
  names: [],
  exposure: 'internal',
  dataClasses: [],
  production: false,
  owners: {},
};

/** The facts a fixture judges: its request over the base, its kind the rule's first. */
function fixtureFacts(
  kinds: readonly string[] | undefined,
  request: Record<string, unknown>,
) {
  return { ...FIXTURE_BASE, kind: kinds?.[0] ?? 'network-access', ...request };
}

/**
 * A request rule the policy's authors write as a CEL expression over the
 * request's facts (`request`: ChangeRequestFacts as JSON; `now`: the time
 * of judging, RFC 3339, for `timestamp(now)`). True passes the request.
 * Each rule carries fixtures, run whenever the policy is read: at least one
 * the rule passes and one it refuses, or the policy is refused - a rule that
 * cannot fail holds nothing.
 *
 * @public
 */
export const celRequestRuleSchema = z
  .object({
    /** Named in results as `policy.<id>`. */
    id: authoredRuleId,
    /** What the rule asks, in words: the requester reads it when refused. */
    description: z.string().min(1).max(300),
    /** The request kinds it judges; absent, every kind. */
    kinds: z.array(z.enum(POLICY_KINDS)).min(1).optional(),
    expression: z.string().min(1).max(MAX_CEL_LENGTH),
    fixtures: z
      .array(
        z
          .object({
            name: z.string().min(1).max(200),
            /** Facts over the base (kind: the rule's first; no names, data classes or owners; internal; not production). */
            request: z.record(z.string(), z.unknown()),
            now: z.iso.datetime({ offset: true }).optional(),
            expect: z.enum(['pass', 'fail']),
          })
          .strict(),
      )
      .min(2)
      .max(50),
  })
  .strict()
  .superRefine((rule, ctx) => {
    const syntax = celSyntaxError(rule.expression);
    if (syntax) {
      ctx.addIssue({
        code: 'custom',
        path: ['expression'],
        message: `is not CEL: ${syntax}`,
      });
      return;
    }
    for (const expect of ['pass', 'fail'] as const) {
      if (!rule.fixtures.some(f => f.expect === expect)) {
        ctx.addIssue({
          code: 'custom',
          path: ['fixtures'],
          message: `need a fixture the rule must ${expect}`,
        });
      }
    }
    rule.fixtures.forEach((fixture, i) => {
      const judged = judgeCel(rule.expression, {
        request: fixtureFacts(rule.kinds, fixture.request),
        now: fixture.now ?? '2026-01-01T00:00:00Z',
      });
      let got: string;
      if ('error' in judged) got = `could not be judged (${judged.error})`;
      else got = judged.verdict ? 'pass' : 'fail';
      if (got !== fixture.expect) {
        ctx.addIssue({
          code: 'custom',
          path: ['fixtures', i],
          message: `"${fixture.name}" must ${fixture.expect}, got ${got}`,
        });
      }
    });
  });

/**
 * One of the policy authors' own request rules.
 *
 * @public
 */
export type CelRequestRule = z.infer<typeof celRequestRuleSchema>;

/**
 * `policy.<id>`: the authors' CEL rules that judge this kind of request. An
 * expression that cannot be judged on these facts (a field they do not
 * have) refuses the request, saying so: the gate fails closed.
 */
export function celRequestRules(
  rules: readonly CelRequestRule[] | undefined,
  facts: ChangeRequestFacts,
  now: Date,
): RuleResult[] {
  return (rules ?? [])
    .filter(rule => !rule.kinds || rule.kinds.includes(facts.kind))
    .map(rule => {
      const id = `policy.${rule.id}`;
      const judged = judgeCel(rule.expression, {
        request: facts,
        now: now.toISOString(),
      });
      if ('error' in judged) {
        return fail(
          id,
          `${rule.description}: could not be judged on this request (${judged.error}); refused until the rule or the request is fixed`,
        );
      }
      return judged.verdict
        ? pass(id, `${rule.description}: holds`)
        : fail(id, rule.description);
    });
}
