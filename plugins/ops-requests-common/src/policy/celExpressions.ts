import { celEnv, isCelError, parse, plan } from '@bufbuild/cel';

/** The longest CEL expression a policy may hold (characters). */
export const MAX_CEL_LENGTH = 2000;

type Program = ReturnType<typeof plan>;

/** Comprehensions (all, exists, map, filter) nested at most this deep. */
export const MAX_CEL_NESTING = 2;

// The standard library alone: an expression reads facts and nothing else.
// No extension: the strings extension's replace and join grow without a
// bound that the evaluator (which has no cost limit) could enforce.
const ENV = celEnv();
const compiled = new Map<string, Program>();
const MAX_COMPILED = 1000;

/**
 * An expression of the policy, parsed and planned once per distinct text;
 * a syntax error is thrown with CEL's own position and reason.
 */
function programOf(expression: string): Program {
  let program = compiled.get(expression);
  if (!program) {
    const parsed = parse(expression);
    const nesting = comprehensionNesting(parsed.expr);
    if (nesting > MAX_CEL_NESTING) {
      throw new Error(
        `comprehensions (all, exists, map, filter) nest ${nesting} deep; at most ${MAX_CEL_NESTING}, so that judging one request costs a bounded amount`,
      );
    }
    program = plan(ENV, parsed);
    // Policies hold a few dozen; a bound keeps a changing policy from growing it.
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(expression, program);
  }
  return program;
}

type Expr = ReturnType<typeof parse>['expr'];

/** How deep comprehensions nest in the expression (0: none). */
function comprehensionNesting(expr: Expr | undefined): number {
  if (!expr) return 0;
  const kind = expr.exprKind;
  const deepest = (children: Array<Expr | undefined>) =>
    Math.max(0, ...children.map(comprehensionNesting));
  switch (kind.case) {
    case 'selectExpr':
      return deepest([kind.value.operand]);
    case 'callExpr':
      return deepest([kind.value.target, ...kind.value.args]);
    case 'listExpr':
      return deepest(kind.value.elements);
    case 'structExpr':
      return deepest(
        kind.value.entries.flatMap(e => [
          e.value,
          e.keyKind.case === 'mapKey' ? e.keyKind.value : undefined,
        ]),
      );
    case 'comprehensionExpr': {
      const c = kind.value;
      return Math.max(
        comprehensionNesting(c.iterRange),
        1 + deepest([c.accuInit, c.loopCondition, c.loopStep, c.result]),
      );
    }
    default:
      return 0;
  }
}

/** Why the expression does not parse, or undefined when it does. */
export function celSyntaxError(expression: string): string | undefined {
  try {
    programOf(expression);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Facts as CEL reads them: plain JSON (absent fields absent, so `has()` works). */
const asCelInput = (value: unknown) => JSON.parse(JSON.stringify(value ?? {}));

/**
 * The expression's verdict on the bindings: true or false, or why it could
 * not be judged (a field the facts do not have, a result that is not a
 * bool). Never throws.
 */
export function judgeCel(
  expression: string,
  bindings: Record<string, unknown>,
): { verdict: boolean } | { error: string } {
  let program: Program;
  try {
    program = programOf(expression);
  } catch (error) {
    return { error: (error as Error).message };
  }
  const input = Object.fromEntries(
    Object.entries(bindings).map(([k, v]) => [
      k,
      typeof v === 'string' ? v : asCelInput(v),
    ]),
  );
  let result: unknown;
  try {
    result = program(input);
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (isCelError(result)) return { error: result.message };
  if (typeof result !== 'boolean') {
    return { error: `gives ${typeof result}, not a bool` };
  }
  return { verdict: result };
}
