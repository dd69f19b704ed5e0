import { InputError } from '@backstage/errors';
import type { z } from 'zod';

function typeOf(value: unknown) {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function size(origin: unknown, limit: unknown) {
  if (origin === 'string') return `${limit} characters`;
  return origin === 'array' || origin === 'set'
    ? `${limit} items`
    : String(limit);
}

/** ", got <what was sent>": its length for strings and arrays. */
function measured(input: unknown) {
  if (typeof input === 'string' || Array.isArray(input)) {
    return `, got ${input.length}`;
  }
  if (input === undefined) return '';
  // An object may have no toString (Object.create(null)): name its type instead.
  const shown =
    typeof input === 'object' && input !== null ? typeOf(input) : String(input);
  return `, got ${shown.slice(0, 40)}`;
}

// zod's own messages start like this; a schema's own message is kept as it is.
const ZOD_DEFAULT = /^(Invalid|Too (big|small)|Unrecognized)/;

/** One zod issue as "field: what is wrong, with the actual value". */
function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.join('.') || '(body)';
  const input = (issue as { input?: unknown }).input;
  if (!ZOD_DEFAULT.test(issue.message)) return `${field}: ${issue.message}`;
  switch (issue.code) {
    case 'invalid_type':
      return input === undefined
        ? `${field}: is required`
        : `${field}: must be ${
            issue.expected === 'object' ? 'an object' : `a ${issue.expected}`
          }, got ${typeOf(input)}`;
    case 'too_big':
      return `${field}: must be at most ${size(
        issue.origin,
        issue.maximum,
      )}${measured(input)}`;
    case 'too_small':
      return `${field}: must be at least ${size(
        issue.origin,
        issue.minimum,
      )}${measured(input)}`;
    case 'unrecognized_keys':
      return `${field}: unknown field${
        issue.keys.length > 1 ? 's' : ''
      } ${issue.keys
        .slice(0, 10)
        .map(k => JSON.stringify(k.slice(0, 60)))
        .join(', ')}`;
    case 'invalid_value':
      return `${field}: must be one of ${issue.values
        .map(v => JSON.stringify(v))
        .join(', ')}`;
    case 'invalid_union':
      return 'discriminator' in issue && issue.discriminator
        ? `${field}: must be one of ${(
            (issue as unknown as { options: unknown[] }).options ?? []
          )
            .map(v => JSON.stringify(v))
            .join(', ')}`
        : `${field}: ${issue.message}`;
    default:
      return `${field}: ${issue.message}`;
  }
}

/**
 * Parses input with a zod schema; on failure returns one line per problem,
 * naming the field and what is wrong with the value actually sent.
 *
 * @public
 */
export function parseWithMessages<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; value: z.output<S> } | { ok: false; problems: string[] } {
  const parsed = schema.safeParse(input, { reportInput: true });
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, problems: parsed.error.issues.map(describeIssue) };
}

/**
 * Parses request input or throws a 400 (InputError) naming each bad field and what is wrong with it.
 *
 * @public
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
): z.output<S> {
  const result = parseWithMessages(schema, input);
  if (!result.ok) throw new InputError(result.problems.join('; '));
  return result.value;
}
