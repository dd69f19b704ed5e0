import { ChangeRequestFacts, RuleResult } from './changeRequest';
import { ChangePolicy } from './policyDocument';
import { fail, pass } from './ruleResult';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The rules of a risk acceptance: the policy allows accepting risk at all
 * (`spec.riskAcceptance`), the finding is open and not accepted already,
 * and the acceptance ends within the days the policy allows for its
 * severity. `secops`: whether the severity makes SecOps approve.
 */
export function riskAcceptance(
  policy: ChangePolicy,
  facts: ChangeRequestFacts,
  now: Date,
): { results: RuleResult[]; secops: boolean } {
  if (facts.kind !== 'risk-acceptance') return { results: [], secops: false };
  const rules = policy.spec.riskAcceptance;
  const finding = facts.finding;
  if (!rules) {
    return {
      results: [
        fail(
          'risk-acceptance.allowed',
          'the change policy allows no risk acceptance (spec.riskAcceptance)',
        ),
      ],
      secops: true,
    };
  }
  if (!finding) {
    return {
      results: [
        fail('risk-acceptance.finding', 'no finding was read for the request'),
      ],
      secops: true,
    };
  }
  const results: RuleResult[] = [];
  const what = `${finding.severity} finding ${finding.id} (${finding.title})`;
  if (finding.status !== 'open') {
    results.push(
      fail('risk-acceptance.finding', `${what} is fixed: nothing to accept`),
    );
  } else if (
    finding.acceptedUntil &&
    Date.parse(finding.acceptedUntil) > now.getTime()
  ) {
    results.push(
      fail(
        'risk-acceptance.finding',
        `${what} is accepted already until ${finding.acceptedUntil}`,
      ),
    );
  } else {
    results.push(pass('risk-acceptance.finding', `${what} is open`));
  }
  const maxDays = rules.maxDays[finding.severity];
  const ends = facts.expiresAt ? Date.parse(facts.expiresAt) : NaN;
  if (Number.isNaN(ends)) {
    results.push(
      fail(
        'risk-acceptance.duration',
        `a risk acceptance needs an end (at most ${maxDays} days for ${finding.severity})`,
      ),
    );
  } else if (ends - now.getTime() > maxDays * DAY_MS) {
    results.push(
      fail(
        'risk-acceptance.duration',
        `until ${facts.expiresAt} is more than the ${maxDays} days a ${finding.severity} finding may be accepted`,
      ),
    );
  } else {
    results.push(
      pass(
        'risk-acceptance.duration',
        `until ${facts.expiresAt} (a ${finding.severity} finding: at most ${maxDays} days)`,
      ),
    );
  }
  return { results, secops: rules.secopsFor.includes(finding.severity) };
}
