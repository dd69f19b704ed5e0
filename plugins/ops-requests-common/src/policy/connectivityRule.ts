import { ChangeRequestFacts, RuleResult } from './changeRequest';
import { ChangePolicy } from './policyDocument';
import { fail, pass } from './ruleResult';

/**
 * A rule already allowing a flow, in words, as the policy's message and
 * the request page say it: `ns/name (file, request, until ...)`.
 *
 * @public
 */
export function describeAllowingRule(rule: {
  policy: string;
  file?: string;
  changeRequest?: string;
  expiresAt?: string;
}): string {
  const about = [
    rule.file,
    rule.changeRequest,
    rule.expiresAt && `until ${rule.expiresAt}`,
  ].filter(Boolean);
  return `${rule.policy} (${about.join(', ')})`;
}

/**
 * `connectivity.adds-access`: with `spec.connectivity.refuseRedundant`, a
 * network-access request whose flow main already allows is refused, naming
 * the rules that allow it, unless it extends their expiry; and one that
 * would take ports away from its own flow (its files replace the flow's) is
 * refused too. Without the setting it only reports; where main could not be
 * read (`computed: false`) it says the check did not run.
 */
export function addsAccess(
  policy: ChangePolicy,
  facts: ChangeRequestFacts,
): RuleResult[] {
  const connectivity = facts.connectivity;
  if (facts.kind !== 'network-access' || !connectivity) return [];
  const rule = 'connectivity.adds-access';
  if (connectivity.computed === false) {
    // Said, not silent: approvers see the check did not run.
    return [
      pass(
        rule,
        "not checked: the infrastructure repository's main could not be read here",
      ),
    ];
  }
  if (connectivity.narrowsFlow.length) {
    const message = `would take away access the flow has on main (${connectivity.narrowsFlow.join(
      '; ',
    )}): a request replaces the flow's rule, so ask for every port it needs`;
    return [
      policy.spec.connectivity?.refuseRedundant
        ? fail(rule, message)
        : pass(rule, `${message} (the policy allows it)`),
    ];
  }
  if (!connectivity.alreadyAllowedBy.length) {
    return [
      pass(
        rule,
        `adds ${connectivity.added} connection(s), removes ${connectivity.removed}, changes ${connectivity.changed}`,
      ),
    ];
  }
  const by = connectivity.alreadyAllowedBy.join('; ');
  if (connectivity.extendsExpiry) {
    return [pass(rule, `already allowed by ${by}: this request extends it`)];
  }
  const message = `already allowed by ${by}`;
  return [
    policy.spec.connectivity?.refuseRedundant
      ? fail(
          rule,
          `${message}; ask to extend its expiry instead of a new request`,
        )
      : pass(rule, `${message} (the policy allows a redundant request)`),
  ];
}

/**
 * `connectivity.invariants`: the connections a change would add or change
 * keep the policy's invariants (`spec.connectivity.invariants`); one that
 * breaks any is refused, naming the invariant and the connection. Where main
 * could not be read only the flow as asked was judged, and it says so.
 */
export function keepsInvariants(
  policy: ChangePolicy,
  facts: ChangeRequestFacts,
): RuleResult[] {
  const invariants = policy.spec.connectivity?.invariants ?? [];
  const connectivity = facts.connectivity;
  if (!invariants.length || !connectivity) return [];
  const rule = 'connectivity.invariants';
  const violations = connectivity.violations ?? [];
  if (connectivity.computed === false && !violations.length) {
    return [
      pass(
        rule,
        "the flow as asked keeps them; what else it opens was not checked: the infrastructure repository's main could not be read here",
      ),
    ];
  }
  return [
    violations.length
      ? fail(
          rule,
          `would break ${
            violations.length === 1
              ? 'an invariant'
              : `${violations.length} invariants`
          }: ${violations.join('; ')}`,
        )
      : pass(
          rule,
          `keeps the ${
            invariants.length
          } connectivity invariant(s): ${invariants.map(i => i.id).join(', ')}`,
        ),
  ];
}
