import { assertPlainTextInput } from './plainTextInput';

describe('assertPlainTextInput', () => {
  it('names the field with a control character, at any depth', () => {
    expect(() => assertPlainTextInput({ name: 'fraud\u0000-scoring' })).toThrow(
      'name: must not contain control characters (found U+0000 at 5)',
    );
    expect(() =>
      assertPlainTextInput({
        links: [{ url: 'https://x', title: 'Run\u001b[2Jbook' }],
      }),
    ).toThrow('links.0.title: must not contain control characters');
    expect(() =>
      assertPlainTextInput({ labels: { 'team\u202e': 'x' } }),
    ).toThrow('labels.(key): must not contain control characters');
  });

  it('allows line breaks and tabs only in descriptions and justifications', () => {
    expect(() =>
      assertPlainTextInput({
        description: 'Scores card payments.\n\tFor the fraud team.',
        exceptions: [{ control: 'waf', justification: 'line one\nline two' }],
      }),
    ).not.toThrow();
    expect(() => assertPlainTextInput({ title: 'two\nlines' })).toThrow(
      'title: must not contain control characters (found U+000A at 3)',
    );
    expect(() => assertPlainTextInput({ tags: ['ok', 'n\not'] })).toThrow(
      'tags.1: must not contain control characters',
    );
  });
});
