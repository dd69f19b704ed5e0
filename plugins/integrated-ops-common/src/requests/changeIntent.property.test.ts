import fc from 'fast-check';
import { changeIntentSchema } from './changeIntent';
import { parseWithMessages } from './describeIssues';

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
        if (result.ok) return;
        expect(result.problems.length).toBeGreaterThan(0);
        for (const p of result.problems) expect(p).toMatch(FIELD_LINE);
      }),
      { numRuns: 1000 },
    );
  });
});
