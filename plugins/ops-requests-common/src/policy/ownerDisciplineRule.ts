import {
  Discipline,
  DISCIPLINE_TITLES,
  DISCIPLINES,
} from '@integrated-ops/plugin-integrated-ops-common';
import {
  ChangeRequestFacts,
  OwnerTeamFacts,
  RuleResult,
} from './changeRequest';
import { ChangePolicy, OwnerTeamRule } from './policyDocument';
import { fail, pass } from './ruleResult';

/**
 * The teams the policy lets own a discipline: `spec.ownerDisciplines`, else
 * a Group whose spec.opsTeam.discipline is that discipline.
 */
export function ownerTeamRule(
  policy: ChangePolicy,
  discipline: Discipline,
): OwnerTeamRule {
  return (
    policy.spec.ownerDisciplines?.[discipline] ?? { disciplines: [discipline] }
  );
}

function describeAllowed(rule: OwnerTeamRule): string {
  const parts = [
    ...(rule.disciplines.length
      ? [
          `a team whose spec.opsTeam.discipline is ${rule.disciplines.join(
            ' or ',
          )}`,
        ]
      : []),
    ...(rule.groups ?? []).map(g => g.toLowerCase()),
  ];
  return parts.length ? parts.join(', or ') : 'no team at all';
}

function problem(
  discipline: Discipline,
  team: OwnerTeamFacts,
  rule: OwnerTeamRule,
): string | undefined {
  const title = DISCIPLINE_TITLES[discipline];
  const named = `${title} owner ${team.ref}${
    team.inheritedFrom ? ` (inherited from ${team.inheritedFrom})` : ''
  }`;
  const allowed = `a ${title} owner must be ${describeAllowed(rule)}`;
  if (!team.isGroup) {
    return `${named} is not a Group in the catalog; ${allowed}`;
  }
  const ref = team.ref.toLowerCase();
  if ((rule.groups ?? []).some(g => g.toLowerCase() === ref)) return undefined;
  if (team.discipline && rule.disciplines.includes(team.discipline)) {
    return undefined;
  }
  const actual = team.discipline
    ? `it is a ${
        DISCIPLINE_TITLES[team.discipline]
      } team (spec.opsTeam.discipline: ${team.discipline})`
    : 'it declares no discipline (spec.opsTeam.discipline)';
  return `${named} is not a ${title} team: ${actual}; ${allowed}`;
}

/**
 * owner-discipline: every owner named for the request (a new service's,
 * chosen or inherited) is a team the policy lets own that discipline.
 * Reported only when the facts describe the owners' teams.
 */
export function ownerDiscipline(
  policy: ChangePolicy,
  facts: ChangeRequestFacts,
): RuleResult[] {
  return facts.ownerTeams ? [judgeOwnerTeams(policy, facts.ownerTeams)] : [];
}

/**
 * The owner-discipline rule on teams named as owners (as the catalog
 * describes them): for every place a team becomes an owner - a new
 * service, a catalog file, a re-certification hand-over.
 *
 * @public
 */
export function judgeOwnerTeams(
  policy: ChangePolicy,
  teams: Partial<Record<Discipline, OwnerTeamFacts>>,
): RuleResult {
  const checked = DISCIPLINES.filter(d => teams[d]);
  if (!checked.length) {
    return pass('owner-discipline', 'no owners named to check');
  }
  const problems = checked.flatMap(d => {
    const p = problem(d, teams[d]!, ownerTeamRule(policy, d));
    return p ? [p] : [];
  });
  return problems.length
    ? fail('owner-discipline', problems.join('; '))
    : pass(
        'owner-discipline',
        `each owner serves its discipline: ${checked
          .map(d => `${d} ${teams[d]!.ref}`)
          .join(', ')}`,
      );
}
