import { repositoryPolicy } from '../__testUtils__/repositoryPolicy';
import { changeIntentSchema } from '../requests/changeIntent';
import { ChangeRequestFacts, RiskFinding } from './changeRequest';
import { evaluatePolicy } from './evaluatePolicy';

const NOW = new Date('2026-12-06T12:00:00Z');
const inDays = (days: number) =>
  new Date(NOW.getTime() + days * 86_400_000).toISOString();

const finding = (over: Partial<RiskFinding> = {}): RiskFinding => ({
  id: '7',
  severity: 'medium',
  discipline: 'devops',
  title: 'CVE-2019-1549',
  tool: 'trivy-image',
  ruleId: 'CVE-2019-1549',
  status: 'open',
  ...over,
});

const facts = (over: Partial<ChangeRequestFacts> = {}): ChangeRequestFacts => ({
  kind: 'risk-acceptance',
  names: ['payments-web'],
  exposure: 'internal',
  dataClasses: [],
  production: true,
  expiresAt: inDays(30),
  finding: finding(),
  owners: {
    devops: 'group:default/sre-payments',
    secops: 'group:default/soc-tier1',
  },
  ...over,
});

const judge = (f: ChangeRequestFacts, policy = repositoryPolicy()) =>
  evaluatePolicy(policy, f, NOW);
const failed = (f: ChangeRequestFacts) =>
  judge(f)
    .results.filter(r => !r.passed)
    .map(r => `${r.rule}: ${r.message}`);

describe('risk acceptance rules (the repository policy)', () => {
  it("lets the finding's owning team accept a medium finding for up to 180 days, alone", () => {
    const result = judge(facts({ expiresAt: inDays(180) }));
    expect(result.passed).toBe(true);
    expect(result.requiredApprovals).toEqual(['devops']);
    expect(result.results).toContainEqual({
      rule: 'risk-acceptance.duration',
      passed: true,
      message: `until ${inDays(180)} (a medium finding: at most 180 days)`,
    });
  });

  it('refuses longer than the severity allows, and makes SecOps approve high and critical', () => {
    const critical = judge(
      facts({
        finding: finding({ severity: 'critical' }),
        expiresAt: inDays(31),
      }),
    );
    expect(critical.passed).toBe(false);
    expect(
      failed(
        facts({
          finding: finding({ severity: 'critical' }),
          expiresAt: inDays(31),
        }),
      ),
    ).toEqual([
      `risk-acceptance.duration: until ${inDays(
        31,
      )} is more than the 30 days a critical finding may be accepted`,
    ]);
    expect(critical.requiredApprovals).toEqual(['devops', 'secops']);
    const high = judge(facts({ finding: finding({ severity: 'high' }) }));
    expect(high.passed).toBe(true);
    expect(high.requiredApprovals).toEqual(['devops', 'secops']);
  });

  it('makes SecOps approve any finding on a PCI component, and refuses when no SecOps owner answers', () => {
    expect(judge(facts({ dataClasses: ['pci'] })).requiredApprovals).toEqual([
      'devops',
      'secops',
    ]);
    expect(
      failed(
        facts({
          finding: finding({ severity: 'high' }),
          owners: { devops: 'group:default/sre-payments' },
        }),
      ),
    ).toEqual([
      'secops-involvement: accepting a high finding needs SecOps, but no SecOps owner is declared or inherited for the component',
    ]);
  });

  it('routes approval to the discipline the finding belongs to', () => {
    const result = judge(
      facts({
        finding: finding({ discipline: 'netops' }),
        owners: { netops: 'group:default/netops-edge' },
      }),
    );
    expect(result.requiredApprovals).toEqual(['netops']);
    expect(result.passed).toBe(true);
  });

  it('refuses a fixed finding, one accepted already, and any acceptance when the policy allows none', () => {
    expect(failed(facts({ finding: finding({ status: 'fixed' }) }))).toEqual([
      'risk-acceptance.finding: medium finding 7 (CVE-2019-1549) is fixed: nothing to accept',
    ]);
    expect(
      failed(facts({ finding: finding({ acceptedUntil: inDays(10) }) })),
    ).toEqual([
      `risk-acceptance.finding: medium finding 7 (CVE-2019-1549) is accepted already until ${inDays(
        10,
      )}`,
    ]);
    const policy = repositoryPolicy();
    delete policy.spec.riskAcceptance;
    expect(
      judge(facts(), policy)
        .results.filter(r => !r.passed)
        .map(r => r.rule),
    ).toEqual(['risk-acceptance.allowed']);
  });

  it('takes from the request only the component, the finding id, the justification and the end', () => {
    const intent = {
      kind: 'risk-acceptance',
      component: 'payments-web',
      finding: '7',
      justification:
        'Compensated by the WAF rule 9001 until the base image is rebuilt',
      expiresAt: '2027-01-31',
    };
    expect(changeIntentSchema.safeParse(intent).success).toBe(true);
    for (const forged of [
      { severity: 'low' },
      { requiredApprovals: [] },
      { finding: '7 OR 1=1' },
      { finding: '0' },
    ]) {
      expect(
        changeIntentSchema.safeParse({ ...intent, ...forged }).success,
      ).toBe(false);
    }
    expect(
      changeIntentSchema.safeParse({ ...intent, justification: 'short' })
        .success,
    ).toBe(false);
    const { expiresAt: _, ...noEnd } = intent;
    expect(changeIntentSchema.safeParse(noEnd).success).toBe(false);
  });
});
