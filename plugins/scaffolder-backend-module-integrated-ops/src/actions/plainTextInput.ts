import { InputError } from '@backstage/errors';
import { findControlCharacter } from '@integrated-ops/plugin-integrated-ops-common';

/** Fields whose text may span lines (tabs and line breaks allowed there). */
const MULTI_LINE = new Set(['description', 'justification']);

const isIndex = (key: string) => /^\d+$/.test(key);

/**
 * Refuses a template step's input that has a control character anywhere in
 * its text (keys included), naming the field: names, titles, owners,
 * labels and links reach git commits, catalog files and task logs. The same
 * rule as the request routes' (noControlCharacters).
 */
export function assertPlainTextInput(input: unknown, path: string[] = []) {
  if (typeof input === 'string') {
    const field = [...path].reverse().find(k => !isIndex(k)) ?? '';
    const found = findControlCharacter(input, {
      multiline: MULTI_LINE.has(field),
    });
    if (found) {
      throw new InputError(
        `${
          path.join('.') || 'input'
        }: must not contain control characters (found ${found})`,
      );
    }
    return;
  }
  if (Array.isArray(input)) {
    input.forEach((item, i) => assertPlainTextInput(item, [...path, `${i}`]));
    return;
  }
  if (input && typeof input === 'object') {
    for (const [key, value] of Object.entries(input)) {
      assertPlainTextInput(key, [...path, '(key)']);
      assertPlainTextInput(value, [...path, key]);
    }
  }
}
