import { repositoryPolicy } from '../__testUtils__/repositoryPolicy';
import { changeIntentSchema } from '../requests/changeIntent';
import { ChangeRequestFacts } from './changeRequest';
import { evaluatePolicy } from './evaluatePolicy';

const facts = (
  breakGlass: ChangeRequestFacts['breakGlass'],
  zone = 'pci',
): ChangeRequestFacts => ({
  kind: 'network-access',
  names: ['web-to-db'],
  source: { entityRef: 'component:default/web', cidrs: ['10.20.1.10/32'] },
  destination: {
    entityRef: 'resource:default/db',
    cidrs: ['10.40.2.11/32'],
    zone,
  },
  ports: [{ protocol: 'tcp', from: 443, to: 443 }],
  exposure: 'internal',
  dataClasses: [],
  production: false,
  owners: { netops: 'group:default/netops-dc' },
  breakGlass,
});

const breakGlassResults = (
  f: ChangeRequestFacts,
  policy = repositoryPolicy(),
) =>
  evaluatePolicy(policy, f).results.filter(r =>
    r.rule.startsWith('break-glass'),
  );

describe('break-glass rules', () => {
  const ok = {
    durationMinutes: 60,
    openByRequester: 0,
    onCallFor: 'group:default/netops-dc',
  };

  it('pass for the on-call, inside the allowed zones, duration and count', () => {
    expect(breakGlassResults(facts(ok)).every(r => r.passed)).toBe(true);
  });

  it('are absent from a normal request', () => {
    expect(breakGlassResults(facts(undefined))).toEqual([]);
  });

  it('refuse break-glass outright where the policy has no breakGlass block', () => {
    const policy = repositoryPolicy();
    delete policy.spec.breakGlass;
    expect(breakGlassResults(facts(ok), policy)).toEqual([
      {
        rule: 'break-glass',
        passed: false,
        message:
          'policy northbridge-change-policy allows no break-glass access; file a normal request',
      },
    ]);
  });

  it.each([
    [facts(ok, 'dmz'), 'break-glass.zone'],
    [facts({ ...ok, durationMinutes: 241 }), 'break-glass.duration'],
    [facts({ ...ok, openByRequester: 1 }), 'break-glass.open-per-person'],
    [facts({ ...ok, onCallFor: undefined }), 'break-glass.on-call'],
    [
      {
        ...facts(ok),
        source: {
          entityRef: '198.51.100.0/24',
          external: true,
          cidrs: ['198.51.100.0/24'],
        },
      },
      'break-glass.exposure',
    ],
  ])('fail one rule at a time (%#: %s)', (f, rule) => {
    expect(
      breakGlassResults(f)
        .filter(r => !r.passed)
        .map(r => r.rule),
    ).toEqual([rule]);
  });

  it('takes a duration instead of an expiry in the intent', () => {
    expect(() =>
      changeIntentSchema.parse({
        kind: 'network-access',
        source: 'component:default/web',
        destination: 'resource:default/db',
        ports: '443',
        justification: 'INC-1: database unreachable from the web tier',
        expiresAt: '2027-01-01',
        emergency: { incident: 'INC-1', durationMinutes: 60 },
      }),
    ).toThrow(
      'emergency access ends after emergency.durationMinutes; leave expiresAt out',
    );
  });
});
