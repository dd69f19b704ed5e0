import { repositoryPolicy } from '../__testUtils__/repositoryPolicy';
import { ChangeRequestFacts } from './changeRequest';
import { evaluatePolicy } from './evaluatePolicy';
import { changePolicySchema } from './policyDocument';

const NOW = new Date('2026-03-02T12:00:00Z');

const newService = (
  ownerTeams: ChangeRequestFacts['ownerTeams'],
): ChangeRequestFacts => ({
  kind: 'new-service',
  names: ['payments-notifier'],
  exposure: 'internal',
  dataClasses: [],
  production: true,
  controls: ['sast', 'dependency-scan', 'secret-scan'],
  owners: {
    netops: 'group:default/netops-dc',
    devops: 'group:default/platform-delivery',
    secops: 'group:default/soc-tier1',
  },
  ownerTeams,
});

const teams: NonNullable<ChangeRequestFacts['ownerTeams']> = {
  netops: {
    ref: 'group:default/netops-dc',
    isGroup: true,
    discipline: 'netops',
    inheritedFrom: 'system:default/fraud-detection',
  },
  devops: {
    ref: 'group:default/platform-delivery',
    isGroup: true,
    discipline: 'devops',
  },
  secops: {
    ref: 'group:default/soc-tier1',
    isGroup: true,
    discipline: 'secops',
    inheritedFrom: 'system:default/fraud-detection',
  },
};

const ownerRule = (facts: ChangeRequestFacts, policy = repositoryPolicy()) =>
  evaluatePolicy(policy, facts, NOW).results.find(
    r => r.rule === 'owner-discipline',
  );

describe('owner-discipline rule', () => {
  it('passes owners that serve their discipline, as a normal rule result', () => {
    const result = evaluatePolicy(repositoryPolicy(), newService(teams), NOW);
    expect(result.passed).toBe(true);
    expect(result.results.map(r => r.rule)).toContain('owner-discipline');
    expect(ownerRule(newService(teams))).toEqual({
      rule: 'owner-discipline',
      passed: true,
      message:
        'each owner serves its discipline: netops group:default/netops-dc, devops group:default/platform-delivery, secops group:default/soc-tier1',
    });
  });

  it('refuses a product team named as the SecOps owner, naming the team and what it is', () => {
    const facts = newService({
      ...teams,
      secops: { ref: 'group:default/payments-edge-team', isGroup: true },
    });
    const result = evaluatePolicy(repositoryPolicy(), facts, NOW);
    expect(result.passed).toBe(false);
    expect(ownerRule(facts)).toEqual({
      rule: 'owner-discipline',
      passed: false,
      message:
        'SecOps owner group:default/payments-edge-team is not a SecOps team: it declares no discipline (spec.opsTeam.discipline); a SecOps owner must be a team whose spec.opsTeam.discipline is secops',
    });
  });

  it('refuses a team of another discipline, an inherited one too, and an owner that is no Group', () => {
    const facts = newService({
      netops: {
        ...teams.netops!,
        ref: 'group:default/sre-payments',
        discipline: 'devops',
      },
      devops: { ref: 'user:default/raj.patel', isGroup: false },
      secops: teams.secops,
    });
    expect(ownerRule(facts)?.message).toBe(
      'NetOps owner group:default/sre-payments (inherited from system:default/fraud-detection) is not a NetOps team: it is a DevOps team (spec.opsTeam.discipline: devops); a NetOps owner must be a team whose spec.opsTeam.discipline is netops; ' +
        'DevOps owner user:default/raj.patel is not a Group in the catalog; a DevOps owner must be a team whose spec.opsTeam.discipline is devops',
    );
  });

  it('follows the policy block: groups allowed besides, and other disciplines', () => {
    const base = repositoryPolicy();
    const policy = changePolicySchema.parse({
      ...base,
      spec: {
        ...base.spec,
        ownerDisciplines: {
          secops: {
            disciplines: ['secops'],
            groups: ['group:default/Incident-Command'],
          },
          devops: { disciplines: ['devops', 'netops'] },
        },
      },
    });
    const facts = newService({
      netops: teams.netops,
      devops: {
        ref: 'group:default/netops-dc',
        isGroup: true,
        discipline: 'netops',
      },
      secops: { ref: 'group:default/incident-command', isGroup: true },
    });
    expect(ownerRule(facts, policy)?.passed).toBe(true);
    // Absent from the block: its own discipline only.
    expect(
      ownerRule(
        newService({
          netops: { ...teams.netops!, discipline: 'secops' },
        }),
        policy,
      )?.message,
    ).toMatch(
      /^NetOps owner group:default\/netops-dc .* is not a NetOps team: it is a SecOps team/,
    );
  });

  it('is not reported when the facts do not describe the owners’ teams (change requests)', () => {
    expect(ownerRule(newService(undefined))).toBeUndefined();
  });

  it('refuses a policy file whose block names a group by a short ref', () => {
    const base = repositoryPolicy();
    const parsed = changePolicySchema.safeParse({
      ...base,
      spec: {
        ...base.spec,
        ownerDisciplines: { secops: { disciplines: [], groups: ['soc'] } },
      },
    });
    expect(parsed.success).toBe(false);
  });
});
