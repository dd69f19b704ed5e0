import fc from 'fast-check';
import { changeIntentSchema } from './changeIntent';
import { parseWithMessages } from '@integrated-ops/plugin-integrated-ops-common';

const FIELD_LINE = /^[\w.()]+: \S/;

describe('changeIntentSchema', () => {
  it('takes any JSON without throwing; a refusal names the field of every problem', () => {
    const near = fc.record(
      {
        kind: fc.oneof(
          fc.constantFrom('network-access', 'security-controls'),
          fc.jsonValue(),
        ),
        source: fc.jsonValue(),
        destination: fc.jsonValue(),
        ports: fc.jsonValue(),
        justification: fc.oneof(fc.string({ maxLength: 2500 }), fc.jsonValue()),
        expiresAt: fc.oneof(
          fc.string(),
          fc.date().map(d => String(d)),
          fc.jsonValue(),
        ),
        policy: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), near), input => {
        const result = parseWithMessages(changeIntentSchema, input);
        const problems = result.ok ? [] : result.problems;
        expect(result.ok || problems.length > 0).toBe(true);
        expect(problems.filter(p => !FIELD_LINE.test(p))).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});
