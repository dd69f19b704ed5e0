import { z } from 'zod';
import { parseWithMessages } from './describeIssues';

describe('parseWithMessages', () => {
  const schema = z.object({ port: z.number() });

  it('names the field and the type that was sent', () => {
    const result = parseWithMessages(schema, { port: 'https' });
    expect(result).toEqual({
      ok: false,
      problems: ['port: must be a number, got string'],
    });
  });

  it('describes an object without a prototype instead of throwing', () => {
    // fast-check found this: zod reports the input, which String() cannot print.
    const bounded = z.unknown().superRefine((value, ctx) =>
      ctx.addIssue({
        code: 'too_big',
        origin: 'number',
        maximum: 3,
        input: value,
        message: 'Too big',
      }),
    );
    const result = parseWithMessages(z.object({ size: bounded }), {
      size: Object.create(null),
    });
    expect(result).toEqual({
      ok: false,
      problems: ['size: must be at most 3, got object'],
    });
  });
});
