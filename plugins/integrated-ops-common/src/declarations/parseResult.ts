import { z } from 'zod';

/**
 * A parsed declaration, or the "path: message" lines saying what is wrong
 * with it.
 *
 * @public
 */
export type ParseResult<T> =
  | { ok: true; value: T }
  | { ok: false; errors: string[] };

/** Runs a zod schema and turns its issues into "path: message" lines. */
export function parseWith<T>(
  schema: z.ZodType<T>,
  input: unknown,
  pathPrefix: string,
): ParseResult<T> {
  const result = schema.safeParse(input);
  if (result.success) {
    return { ok: true, value: result.data };
  }
  return {
    ok: false,
    errors: result.error.issues.map(issue => {
      const path = [
        pathPrefix,
        ...issue.path.map(p =>
          typeof p === 'number' ? `[${p}]` : `.${String(p)}`,
        ),
      ]
        .join('')
        .replace(/\.\[/g, '[');
      return `${path}: ${issue.message}`;
    }),
  };
}
