/**
 * Text a person typed reaches git commits, files, notifications and logs:
 * control characters have no place there (a NUL ends a C string, an escape
 * sequence rewrites a terminal, a bidi override hides what a line says).
 * Refused everywhere the same way: C0 controls (tab, line feed and carriage
 * return only in multi-line text), DEL, C1 controls, the Unicode line and
 * paragraph separators and the bidirectional overrides and isolates.
 */
// Matching control characters is the point of these two.
/* eslint-disable no-control-regex */
const SINGLE_LINE =
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
const MULTI_LINE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
/* eslint-enable no-control-regex */

/**
 * The first control character in the text, as "U+0000 at 12"; undefined when there is none.
 *
 * @public
 */
export function findControlCharacter(
  text: string,
  options: { multiline?: boolean } = {},
): string | undefined {
  const match = (options.multiline ? MULTI_LINE : SINGLE_LINE).exec(text);
  if (!match) return undefined;
  const code = match[0].codePointAt(0)!.toString(16).toUpperCase();
  return `U+${code.padStart(4, '0')} at ${match.index}`;
}

/**
 * A zod check (`.superRefine(...)`) refusing control characters, naming the first.
 *
 * @public
 */
export function noControlCharacters(options: { multiline?: boolean } = {}) {
  return (
    value: string,
    ctx: { addIssue(issue: { code: 'custom'; message: string }): void },
  ) => {
    const found = findControlCharacter(value, options);
    if (found) {
      ctx.addIssue({
        code: 'custom',
        message: `must not contain control characters (found ${found})`,
      });
    }
  };
}

/**
 * The text with each control character replaced by a space (tabs and line
 * breaks kept in multi-line text): for text from machines (alert labels
 * and annotations), which is kept rather than refused.
 *
 * @public
 */
export function replaceControlCharacters(
  text: string,
  options: { multiline?: boolean } = {},
): string {
  const pattern = new RegExp(
    (options.multiline ? MULTI_LINE : SINGLE_LINE).source,
    'gu',
  );
  return text.replace(pattern, ' ');
}
