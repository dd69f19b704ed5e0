import { celEnv, isCelError, parse, plan } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';

/** The longest CEL expression a policy may hold (characters). */
export const MAX_CEL_LENGTH = 2000;

type Program = ReturnType<typeof plan>;

// The standard library and the strings extension (as Kubernetes offers them);
// no other functions, so an expression reads facts and nothing else.
const ENV = celEnv({ funcs: strings });
const compiled = new Map<string, Program>();
const MAX_COMPILED = 1000;

/**
 * An expression of the policy, parsed and planned once per distinct text;
 * a syntax error is thrown with CEL's own position and reason.
 */
function programOf(expression: string): Program {
  let program = compiled.get(expression);
  if (!program) {
    program = plan(ENV, parse(expression));
    // Policies hold a few dozen; a bound keeps a changing policy from growing it.
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(expression, program);
  }
  return program;
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
