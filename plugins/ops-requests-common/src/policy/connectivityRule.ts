import { ChangeRequestFacts, RuleResult } from './changeRequest';
import { ChangePolicy } from './policyDocument';
import { fail, pass } from './ruleResult';

/**
 * `connectivity.adds-access`: with `spec.connectivity.refuseRedundant`, a
 * network-access request whose flow main already allows is refused, naming
 * the rules that allow it, unless it extends their expiry. Without the
 * setting, or without connectivity facts (main unreadable here), it only
 * reports.
 */
export function addsAccess(
  policy: ChangePolicy,
  facts: ChangeRequestFacts,
): RuleResult[] {
  const connectivity = facts.connectivity;
  if (facts.kind !== 'network-access' || !connectivity) return [];
  const rule = 'connectivity.adds-access';
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
