/*
 * Property-based tests of the change policy's building blocks: whatever a
 * template or a caller sends, parsing and judging never throw, and a refusal
 * always names the rule that refused.
 */
import fc from 'fast-check';
import { SECURITY_CONTROLS } from './policyDocument';
import { ChangeRequestFacts, PortRule } from './changeRequest';
import { evaluatePolicy } from './evaluatePolicy';
import { parsePorts } from './parsePorts';
import { repositoryPolicy } from '../__testUtils__/repositoryPolicy';

const policy = repositoryPolicy();
const RULES = new Set([
  'naming',
  'labels',
  'cidr-breadth',
  'ports-per-zone',
  'secops-involvement',
  'production-expiry',
  'controls',
  'approvers',
  // The policy authors' own (CEL) rules.
  ...(policy.spec.rules ?? []).map(r => `policy.${r.id}`),
]);
const NOW = new Date('2026-03-02T12:00:00Z');

/** Text people and attackers type: ordinary, odd and hostile. */
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '-1',
    '99999',
    '0.0.0.0/0',
    '443/tcp, icmp',
    '--upload-pack=x',
  ),
  fc.string({ maxLength: 3000 }),
);

const portSpec = fc
  .tuple(
    fc.integer({ min: 1, max: 65535 }),
    fc.integer({ min: 0, max: 100 }),
    fc.constantFrom('', '/tcp', '/udp', '/TCP'),
  )
  .map(([from, span, proto]) => ({
    text: `${
      span && from + span <= 65535 ? `${from}-${from + span}` : from
    }${proto}`,
    from,
    to: span && from + span <= 65535 ? from + span : from,
    protocol: (proto.slice(1).toLowerCase() || 'tcp') as 'tcp' | 'udp',
  }));

describe('parsePorts', () => {
  it('never throws anything but an Error naming the part, and what it returns is a valid range', () => {
    const attempt = (input: string) => {
      try {
        return { rules: parsePorts(input) };
      } catch (error) {
        return { error };
      }
    };
    const inRange = (r: PortRule) =>
      r.protocol === 'icmp' ||
      (r.from! >= 1 && r.to! <= 65535 && r.from! <= r.to!);
    fc.assert(
      fc.property(text, input => {
        const { rules, error } = attempt(input);
        expect(
          error === undefined ||
            (error instanceof Error &&
              /^(no ports given|".*" is not)/s.test(error.message)),
        ).toBe(true);
        expect(rules === undefined || rules.length > 0).toBe(true);
        expect((rules ?? []).every(inRange)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('reads back every well-formed list of ports and ranges', () => {
    fc.assert(
      fc.property(fc.array(portSpec, { minLength: 1, maxLength: 8 }), specs => {
        expect(parsePorts(specs.map(s => s.text).join(', '))).toEqual(
          specs.map(({ protocol, from, to }) => ({ protocol, from, to })),
        );
      }),
    );
  });
});

const endpoint = (cidrs: fc.Arbitrary<string[]>) =>
  fc.record({
    entityRef: fc.constantFrom('component:default/a', 'resource:default/b'),
    cidrs,
    zone: fc.option(
      fc.constantFrom('dmz', 'pci', 'internal', 'restricted', 'nowhere'),
      {
        nil: undefined,
      },
    ),
    lifecycle: fc.option(fc.constantFrom('production', 'experimental'), {
      nil: undefined,
    }),
  });

const anyFacts: fc.Arbitrary<ChangeRequestFacts> = fc.record({
  kind: fc.constantFrom('network-access', 'new-service', 'security-controls'),
  names: fc.array(text, { maxLength: 3 }),
  labels: fc.option(fc.dictionary(text, text, { maxKeys: 3 }), {
    nil: undefined,
  }),
  source: fc.option(endpoint(fc.array(text, { maxLength: 3 })), {
    nil: undefined,
  }),
  destination: fc.option(endpoint(fc.array(text, { maxLength: 3 })), {
    nil: undefined,
  }),
  ports: fc.option(
    fc.array(
      portSpec.map(({ protocol, from, to }) => ({ protocol, from, to })),
    ),
    {
      nil: undefined,
    },
  ),
  exposure: fc.constantFrom('internal', 'internet'),
  dataClasses: fc.array(fc.oneof(text, fc.constantFrom('pci', 'PII')), {
    maxLength: 3,
  }),
  production: fc.boolean(),
  expiresAt: fc.option(
    fc.oneof(
      text,
      fc.date({ noInvalidDate: true }).map(d => d.toISOString()),
    ),
    {
      nil: undefined,
    },
  ),
  controls: fc.option(fc.subarray([...SECURITY_CONTROLS]), { nil: undefined }),
  exceptions: fc.option(
    fc.array(
      fc.record({
        control: fc.constantFrom(...SECURITY_CONTROLS),
        justification: text,
      }),
      {
        maxLength: 3,
      },
    ),
    { nil: undefined },
  ),
  owners: fc.record(
    {
      netops: fc.constant('group:default/netops-dc'),
      devops: fc.constant('group:default/sre-payments'),
      secops: fc.constant('group:default/soc-tier1'),
    },
    { requiredKeys: [] },
  ),
});

describe('evaluatePolicy', () => {
  it('judges any request without throwing; a refusal names each rule that refused', () => {
    fc.assert(
      fc.property(anyFacts, facts => {
        const result = evaluatePolicy(policy, facts, NOW);
        expect(result.passed).toBe(result.results.every(r => r.passed));
        for (const r of result.results) {
          expect(RULES.has(r.rule)).toBe(true);
          expect(r.message.length).toBeGreaterThan(0);
        }
        expect(result.requiredApprovals.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('passes a CIDR exactly when it is an address block no broader than /24 (IPv4)', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 0, max: 32 }), (ip, prefix) => {
        const cidr = `${ip}/${prefix}`;
        const facts: ChangeRequestFacts = {
          kind: 'network-access',
          names: ['a-to-b'],
          source: { entityRef: 'component:default/a', cidrs: [cidr] },
          destination: {
            entityRef: 'component:default/b',
            cidrs: ['10.40.2.11/32'],
          },
          ports: [{ protocol: 'tcp', from: 443, to: 443 }],
          exposure: 'internal',
          dataClasses: [],
          production: false,
          owners: { netops: 'group:default/netops-dc' },
        };
        const rule = evaluatePolicy(policy, facts, NOW).results.find(
          r => r.rule === 'cidr-breadth',
        )!;
        expect(rule.passed).toBe(prefix >= 24);
        expect(rule.passed || rule.message.includes(cidr)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
