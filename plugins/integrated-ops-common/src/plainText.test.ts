import { z } from 'zod';
import { parseWithMessages } from './describeIssues';
import {
  findControlCharacter,
  noControlCharacters,
  replaceControlCharacters,
} from './plainText';

describe('noControlCharacters', () => {
  const line = z.string().max(100).superRefine(noControlCharacters());
  const text = z
    .string()
    .max(100)
    .superRefine(noControlCharacters({ multiline: true }));

  it.each([
    ['NUL', 'INC-1\u0000; rm -rf', 'U+0000 at 5'],
    ['escape sequence', 'ok\u001b[2J', 'U+001B at 2'],
    ['DEL', 'a\u007f', 'U+007F at 1'],
    ['C1 control', 'a\u0085b', 'U+0085 at 1'],
    ['line separator', 'a\u2028b', 'U+2028 at 1'],
    ['bidi override', 'safe\u202eexe.txt', 'U+202E at 4'],
  ])('refuses a %s, naming it and where', (_, value, found) => {
    for (const schema of [line, text]) {
      expect(
        parseWithMessages(z.object({ note: schema }), { note: value }),
      ).toEqual({
        ok: false,
        problems: [
          `note: must not contain control characters (found ${found})`,
        ],
      });
    }
  });

  it('allows tabs and line breaks in multi-line text only', () => {
    expect(text.parse('first line\r\n\tsecond line')).toBe(
      'first line\r\n\tsecond line',
    );
    expect(findControlCharacter('a\nb')).toBe('U+000A at 1');
    expect(findControlCharacter('a\nb', { multiline: true })).toBeUndefined();
  });

  it('leaves ordinary text of any script alone', () => {
    expect(line.parse('Zugriff für Kartenprüfung — 決済 ✓')).toBe(
      'Zugriff für Kartenprüfung — 決済 ✓',
    );
  });
});

describe('replaceControlCharacters', () => {
  it('replaces each control character with a space, keeping lines where asked', () => {
    expect(
      replaceControlCharacters('Latency\u0000high\u001b[2J on\u202eweb'),
    ).toBe('Latency high [2J on web');
    expect(replaceControlCharacters('a\nb\tc', { multiline: true })).toBe(
      'a\nb\tc',
    );
    expect(replaceControlCharacters('a\nb')).toBe('a b');
  });
});
