import { ChangeRequestFacts } from './changeRequest';
import { celRequestRules, celRequestRuleSchema } from './celRequestRules';
import { evaluatePolicy } from './evaluatePolicy';
import { repositoryPolicy } from '../__testUtils__/repositoryPolicy';

const noThrowaway = {
  id: 'no-throwaway-in-production',
  description: 'A production service is not named test-* or tmp-*',
  kinds: ['new-service'],
  expression:
    "!request.production || !request.names.exists(n, n.startsWith('test-') || n.startsWith('tmp-'))",
  fixtures: [
    {
      name: 'a production service named for good',
      request: { production: true, names: ['fraud-alerts'] },
      expect: 'pass',
    },
    {
      name: 'a throwaway name in production',
      request: { production: true, names: ['tmp-scoring'] },
      expect: 'fail',
    },
  ],
};

const facts = (over: Partial<ChangeRequestFacts>): ChangeRequestFacts => ({
  kind: 'new-service',
  names: ['fraud-alerts'],
  exposure: 'internal',
  dataClasses: [],
  production: true,
  owners: {},
  ...over,
});

const issues = (rule: unknown) => {
  const parsed = celRequestRuleSchema.safeParse(rule);
  return parsed.success
    ? []
    : parsed.error.issues.map(i => `${i.path.join('.')}: ${i.message}`);
};

describe('policy rules written in CEL', () => {
  const [rule] = [celRequestRuleSchema.parse(noThrowaway)];

  it('refuses a request the expression is false for, naming the rule and what it asks', () => {
    expect(
      celRequestRules([rule], facts({ names: ['test-scoring'] }), new Date()),
    ).toEqual([
      {
        rule: 'policy.no-throwaway-in-production',
        passed: false,
        message: 'A production service is not named test-* or tmp-*',
      },
    ]);
    expect(
      celRequestRules(
        [rule],
        facts({ production: false, names: ['test-x'] }),
        new Date(),
      ),
    ).toMatchObject([{ passed: true }]);
  });

  it('judges only the kinds it names', () => {
    expect(
      celRequestRules(
        [rule],
        facts({ kind: 'network-access', names: ['tmp-flow'] }),
        new Date(),
      ),
    ).toEqual([]);
  });

  it('refuses, saying so, when the expression cannot be judged on the request (fails closed)', () => {
    const zoneRule = celRequestRuleSchema.parse({
      id: 'dmz-https-only',
      description: 'Into the DMZ only on 443',
      kinds: ['network-access'],
      expression:
        "request.destination.zone != 'dmz' || request.ports.all(p, p.from == 443 && p.to == 443)",
      fixtures: [
        {
          name: '443 into the DMZ',
          request: {
            destination: { zone: 'dmz' },
            ports: [{ protocol: 'tcp', from: 443, to: 443 }],
          },
          expect: 'pass',
        },
        {
          name: '8443 into the DMZ',
          request: {
            destination: { zone: 'dmz' },
            ports: [{ protocol: 'tcp', from: 8443, to: 8443 }],
          },
          expect: 'fail',
        },
      ],
    });
    const [result] = celRequestRules(
      [zoneRule],
      facts({ kind: 'network-access' }),
      new Date(),
    );
    expect(result.passed).toBe(false);
    expect(result.message).toMatch(
      /^Into the DMZ only on 443: could not be judged on this request \(.*destination.*\); refused until the rule or the request is fixed$/,
    );
  });

  it('reads the time of judging as now', () => {
    const soon = celRequestRuleSchema.parse({
      id: 'short-grants',
      description: 'Network grants end within 30 days',
      kinds: ['network-access'],
      expression:
        "has(request.expiresAt) && timestamp(request.expiresAt) - timestamp(now) <= duration('720h')",
      fixtures: [
        {
          name: 'ten days',
          now: '2026-12-01T00:00:00Z',
          request: { expiresAt: '2026-12-11T00:00:00Z' },
          expect: 'pass',
        },
        {
          name: 'sixty days',
          now: '2026-12-01T00:00:00Z',
          request: { expiresAt: '2027-01-30T00:00:00Z' },
          expect: 'fail',
        },
      ],
    });
    const at = new Date('2026-12-01T00:00:00Z');
    const grant = (expiresAt: string) =>
      celRequestRules(
        [soon],
        facts({ kind: 'network-access', expiresAt }),
        at,
      )[0].passed;
    expect(grant('2026-12-20T00:00:00Z')).toBe(true);
    expect(grant('2027-02-20T00:00:00Z')).toBe(false);
  });

  describe('the policy refuses a rule', () => {
    it('that is not CEL, with CEL’s reason', () => {
      expect(
        issues({ ...noThrowaway, expression: 'request.names ==' }),
      ).toEqual([expect.stringMatching(/^expression: is not CEL: .*found/)]);
    });

    it('whose fixture gets another verdict, naming the fixture', () => {
      const wrong = structuredClone(noThrowaway);
      wrong.fixtures[1].request.names = ['scoring'];
      expect(issues(wrong)).toEqual([
        'fixtures.1: "a throwaway name in production" must fail, got pass',
      ]);
    });

    it('that has no fixture it fails (a rule that cannot fail holds nothing), or none it passes', () => {
      expect(
        issues({
          ...noThrowaway,
          fixtures: [noThrowaway.fixtures[0], noThrowaway.fixtures[0]],
        }),
      ).toEqual(['fixtures: need a fixture the rule must fail']);
      expect(
        issues({
          ...noThrowaway,
          fixtures: [noThrowaway.fixtures[1], noThrowaway.fixtures[1]],
        }),
      ).toEqual(['fixtures: need a fixture the rule must pass']);
    });

    it('whose cost has no bound: comprehensions nested past two, functions outside the standard library', () => {
      expect(
        issues({
          ...noThrowaway,
          expression:
            'request.names.all(a, request.names.all(b, request.names.all(c, a == b && b == c)))',
        }),
      ).toEqual([
        expect.stringMatching(
          /^expression: is not CEL: comprehensions \(all, exists, map, filter\) nest 3 deep; at most 2/,
        ),
      ]);
      // Two levels are fine.
      expect(
        issues({
          ...noThrowaway,
          expression:
            "!request.production || !request.names.exists(a, request.names.exists(b, a == b && (a.startsWith('test-') || a.startsWith('tmp-'))))",
        }),
      ).toEqual([]);
      // The strings extension's replace (quadratic, unbounded) is not there.
      expect(
        issues({
          ...noThrowaway,
          expression: "request.names.all(n, n.replace('a', 'aa') != 'tmp-')",
        }).join(' '),
      ).toMatch(/must pass, got could not be judged/);
    });

    it('whose expression gives something other than a bool', () => {
      expect(
        issues({ ...noThrowaway, expression: 'size(request.names)' }),
      ).toEqual([
        'fixtures.0: "a production service named for good" must pass, got could not be judged (gives bigint, not a bool)',
        'fixtures.1: "a throwaway name in production" must fail, got could not be judged (gives bigint, not a bool)',
      ]);
    });
  });

  it("the repository's policy judges every request by its rules, its fixtures passing", () => {
    const policy = repositoryPolicy();
    expect(policy.spec.rules?.length).toBeGreaterThan(0);
    const result = evaluatePolicy(
      policy,
      facts({
        names: ['tmp-scoring'],
        controls: ['sast', 'dependency-scan', 'secret-scan'],
      }),
    );
    expect(result.results).toContainEqual({
      rule: 'policy.no-throwaway-in-production',
      passed: false,
      message: expect.any(String),
    });
    expect(result.passed).toBe(false);
  });
});
