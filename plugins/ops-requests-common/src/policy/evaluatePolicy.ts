import ipaddr from 'ipaddr.js';
import { Discipline } from '@integrated-ops/plugin-integrated-ops-common';
import { ApprovingRole, CHANGE_ADVISORY } from '../approvingRoles';
import {
  ChangeRequestFacts,
  PolicyResult,
  PortRule,
  RuleResult,
} from './changeRequest';
import { breakGlass } from './breakGlassRules';
import { celRequestRules } from './celRequestRules';
import { addsAccess, keepsInvariants } from './connectivityRule';
import { changeFreeze, maintenanceWindow } from './calendarRules';
import { ownerDiscipline } from './ownerDisciplineRule';
import { riskAcceptance } from './riskAcceptanceRules';
import { fail, pass } from './ruleResult';
import { ChangePolicy, SecurityControl } from './policyDocument';

const DAY_MS = 24 * 60 * 60 * 1000;
// Kubernetes label syntax (the labels end up on manifests).
const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

function naming(policy: ChangePolicy, facts: ChangeRequestFacts): RuleResult[] {
  const { pattern, maxLength } = policy.spec.naming;
  const re = new RegExp(pattern);
  const bad = facts.names.filter(n => !re.test(n) || n.length > maxLength);
  const badLabels = Object.entries(facts.labels ?? {}).filter(
    ([k, v]) => !LABEL_KEY.test(k) || !LABEL_VALUE.test(v),
  );
  return [
    bad.length
      ? fail(
          'naming',
          `${bad
            .map(n => `"${n}"`)
            .join(
              ', ',
            )} must match ${pattern} and be at most ${maxLength} characters`,
        )
      : pass('naming', `names well-formed: ${facts.names.join(', ')}`),
    badLabels.length
      ? fail(
          'labels',
          `labels not valid Kubernetes labels: ${badLabels
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')}`,
        )
      : pass('labels', 'labels well-formed'),
  ];
}

/** The IPv4-mapped block (::ffff:0:0/96). */
const IPV4_MAPPED = ipaddr.parseCIDR('::ffff:0:0/96') as [ipaddr.IPv6, number];

/**
 * For an IPv6 range that reaches into the IPv4-mapped block, the prefix
 * length of the IPv4 addresses it holds (a /96 or broader holds all of them:
 * 0); undefined for any other range.
 */
function ipv4Part(
  address: ipaddr.IPv4 | ipaddr.IPv6,
  prefix: number,
): number | undefined {
  if (address.kind() !== 'ipv6') return undefined;
  const v6 = address as ipaddr.IPv6;
  if (prefix >= 96) return v6.match(IPV4_MAPPED) ? prefix - 96 : undefined;
  // A broader range holds the whole mapped block if it holds its start.
  return IPV4_MAPPED[0].match(v6, prefix) ? 0 : undefined;
}

function cidrBreadth(
  policy: ChangePolicy,
  facts: ChangeRequestFacts,
): RuleResult {
  const { minPrefixLengthIPv4, minPrefixLengthIPv6 } = policy.spec.cidr;
  const problems: string[] = [];
  const endpoints = [facts.source, facts.destination].filter(Boolean);
  for (const endpoint of endpoints) {
    if (!endpoint!.cidrs.length) {
      problems.push(
        `${endpoint!.entityRef} declares no address or CIDR in spec.network`,
      );
    }
    // "(ref)" says which endpoint; a range outside the catalog is its own name.
    const of = endpoint!.external ? '' : ` (${endpoint!.entityRef})`;
    for (const cidr of endpoint!.cidrs) {
      let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
      try {
        parsed = ipaddr.parseCIDR(cidr);
      } catch {
        problems.push(`${cidr}${of} is not a CIDR block`);
        continue;
      }
      const [address, prefix] = parsed;
      const mapped = ipv4Part(address, prefix);
      if (mapped !== undefined && mapped < minPrefixLengthIPv4) {
        // ::ffff:0.0.0.0/96 is every IPv4 address: judged as IPv4.
        problems.push(
          `${cidr}${of} holds IPv4 addresses as a /${mapped}, broader than /${minPrefixLengthIPv4}; name a narrower segment or host`,
        );
        continue;
      }
      const min =
        address.kind() === 'ipv4' ? minPrefixLengthIPv4 : minPrefixLengthIPv6;
      if (prefix === 0) {
        problems.push(`${cidr}${of} means any address`);
      } else if (prefix < min) {
        problems.push(
          `${cidr}${of} is broader than /${min}; name a narrower segment or host`,
        );
      }
    }
  }
  if (!endpoints.length)
    return pass('cidr-breadth', 'no network flow asked for');
  return problems.length
    ? fail('cidr-breadth', problems.join('; '))
    : pass(
        'cidr-breadth',
        `every CIDR at least /${minPrefixLengthIPv4} (IPv4) or /${minPrefixLengthIPv6} (IPv6)`,
      );
}

const parseRange = (range: string): [number, number] => {
  const [from, to = from] = range.split('-').map(Number);
  return [from, to];
};
const describePort = (p: PortRule) =>
  p.protocol === 'icmp'
    ? 'icmp'
    : `${p.from === p.to ? p.from : `${p.from}-${p.to}`}/${p.protocol}`;

function portsPerZone(
  policy: ChangePolicy,
  facts: ChangeRequestFacts,
): RuleResult {
  if (!facts.destination || !facts.ports) {
    return pass('ports-per-zone', 'no ports asked for');
  }
  const zone = facts.destination.zone ?? 'default';
  const allowed = policy.spec.zones[zone] ?? policy.spec.zones.default;
  const refused = facts.ports.filter(port => {
    if (!allowed.protocols.includes(port.protocol)) return true;
    if (port.protocol === 'icmp') return false;
    return !allowed.ports.some(range => {
      const [from, to] = parseRange(range);
      return port.from! >= from && port.to! <= to;
    });
  });
  const allowedText = `${allowed.protocols.join('/')} ${allowed.ports.join(
    ', ',
  )}`;
  return refused.length
    ? fail(
        'ports-per-zone',
        `${refused
          .map(describePort)
          .join(
            ', ',
          )} not allowed into zone "${zone}" (allowed: ${allowedText})`,
      )
    : pass(
        'ports-per-zone',
        `${facts.ports
          .map(describePort)
          .join(', ')} allowed into zone "${zone}"`,
      );
}

function secopsInvolvement(
  policy: ChangePolicy,
  facts: ChangeRequestFacts,
): { result: RuleResult; required: boolean } {
  const { exposure, dataClasses } = policy.spec.secopsRequiredFor;
  const reasons = [
    ...(exposure.includes(facts.exposure)
      ? [`${facts.exposure} exposure`]
      : []),
    ...facts.dataClasses
      .filter(c => dataClasses.includes(c.toLocaleLowerCase('en-US')))
      .map(c => `${c.toUpperCase()} data`),
    // Always: nobody in the catalog answers for a partner's or vendor's range.
    ...(facts.source?.external
      ? [`a source outside the catalog (${facts.source.entityRef})`]
      : []),
  ];
  if (!reasons.length) {
    return {
      required: false,
      result: pass(
        'secops-involvement',
        'no internet exposure or sensitive data: SecOps not required',
      ),
    };
  }
  return {
    required: true,
    result: facts.owners.secops
      ? pass(
          'secops-involvement',
          `${reasons.join(' and ')}: SecOps (${
            facts.owners.secops
          }) must approve`,
        )
      : fail(
          'secops-involvement',
          `${reasons.join(
            ' and ',
          )} need SecOps involvement, but no SecOps owner is declared or inherited for the target`,
        ),
  };
}

function productionExpiry(
  policy: ChangePolicy,
  facts: ChangeRequestFacts,
  now: Date,
): RuleResult {
  const { expiryRequired, maxExpiryDays } = policy.spec.production;
  const applies =
    facts.production &&
    (facts.kind === 'network-access' || (facts.exceptions?.length ?? 0) > 0);
  if (!applies || !expiryRequired) {
    return pass(
      'production-expiry',
      'not a production grant: no expiry required',
    );
  }
  if (!facts.expiresAt) {
    return fail(
      'production-expiry',
      `production changes need an expiry (at most ${maxExpiryDays} days)`,
    );
  }
  const expires = Date.parse(facts.expiresAt);
  if (Number.isNaN(expires)) {
    return fail(
      'production-expiry',
      `expiry "${facts.expiresAt}" is not a date`,
    );
  }
  if (expires <= now.getTime()) {
    return fail(
      'production-expiry',
      `expiry ${facts.expiresAt} is in the past`,
    );
  }
  if (expires - now.getTime() > maxExpiryDays * DAY_MS) {
    return fail(
      'production-expiry',
      `expiry ${facts.expiresAt} is more than ${maxExpiryDays} days away`,
    );
  }
  return pass(
    'production-expiry',
    `expires ${facts.expiresAt} (within ${maxExpiryDays} days)`,
  );
}

/**
 * Controls the policy requires for this exposure and these data classes.
 *
 * @public
 */
export function requiredControls(
  policy: ChangePolicy,
  facts: Pick<ChangeRequestFacts, 'exposure' | 'dataClasses'>,
): SecurityControl[] {
  const { baseline, byExposure, byDataClass } = policy.spec.controls;
  return [
    ...new Set([
      ...baseline,
      ...(byExposure[facts.exposure] ?? []),
      ...facts.dataClasses.flatMap(
        c => byDataClass[c.toLocaleLowerCase('en-US')] ?? [],
      ),
    ]),
  ];
}

function controls(policy: ChangePolicy, facts: ChangeRequestFacts): RuleResult {
  if (facts.kind === 'network-access' || facts.kind === 'risk-acceptance')
    return pass('controls', 'no controls asked for');
  const min = policy.spec.controls.exceptionJustificationMinLength;
  const missing: string[] = [];
  for (const control of requiredControls(policy, facts)) {
    if (facts.controls?.includes(control)) continue;
    const exception = facts.exceptions?.find(e => e.control === control);
    if (!exception) missing.push(`${control} is required`);
    else if (exception.justification.trim().length < min) {
      missing.push(
        `the exception to ${control} needs a justification of at least ${min} characters`,
      );
    }
  }
  return missing.length
    ? fail('controls', missing.join('; '))
    : pass(
        'controls',
        `required controls present or excepted with justification`,
      );
}

function approvalsFor(
  facts: ChangeRequestFacts,
  secops: boolean,
): Discipline[] {
  // The owner who must say yes first: NetOps for a flow, DevOps for a new
  // service, SecOps for security controls.
  const first: Record<ChangeRequestFacts['kind'], Discipline> = {
    'network-access': 'netops',
    'new-service': 'devops',
    'security-controls': 'secops',
    // The team the finding is routed to answers for accepting it.
    'risk-acceptance': facts.finding?.discipline ?? 'secops',
    'namespace-baseline': 'netops',
  };
  const base: Discipline[] = [first[facts.kind]];
  if (secops && !base.includes('secops')) base.push('secops');
  if (
    facts.kind === 'security-controls' &&
    facts.exceptions?.length &&
    !base.includes('devops')
  ) {
    base.push('devops');
  }
  return base;
}

/** Every discipline that must approve has an owning team to do it. */
function approvers(
  facts: ChangeRequestFacts,
  required: ApprovingRole[],
  secopsReported: boolean,
): RuleResult {
  // The change advisory board comes from the policy, not from the owners.
  const owned = required.filter(
    (d): d is Discipline => d !== 'change-advisory',
  );
  const missing = owned.filter(
    d => !facts.owners[d] && (d !== 'secops' || secopsReported),
  );
  return missing.length
    ? fail(
        'approvers',
        `no ${missing.join(
          ', ',
        )} owner declared or inherited for the target to approve; fix its spec.opsOwners`,
      )
    : pass(
        'approvers',
        `approvals from ${owned
          .map(d => `${d} (${facts.owners[d]})`)
          .join(', ')}`,
      );
}

/**
 * Judges a request against the change policy. Every rule is reported, passed
 * or not, so the task log explains the whole decision; `passed` is false when
 * any rule fails.
 *
 * @public
 */
export function evaluatePolicy(
  policy: ChangePolicy,
  facts: ChangeRequestFacts,
  now: Date = new Date(),
): PolicyResult {
  const secops = secopsInvolvement(policy, facts);
  const risk = riskAcceptance(policy, facts, now);
  if (risk.secops && !secops.required) {
    secops.required = true;
    secops.result = facts.owners.secops
      ? pass(
          'secops-involvement',
          `a ${facts.finding?.severity} finding: SecOps (${facts.owners.secops}) must approve accepting it`,
        )
      : fail(
          'secops-involvement',
          `accepting a ${facts.finding?.severity} finding needs SecOps, but no SecOps owner is declared or inherited for the component`,
        );
  }
  const freeze = changeFreeze(policy, facts);
  const requiredApprovals: ApprovingRole[] = [
    ...approvalsFor(facts, secops.required),
    ...(freeze.changeAdvisory ? [CHANGE_ADVISORY] : []),
  ];
  const results = [
    ...naming(policy, facts),
    cidrBreadth(policy, facts),
    portsPerZone(policy, facts),
    secops.result,
    productionExpiry(policy, facts, now),
    controls(policy, facts),
    approvers(facts, requiredApprovals, secops.result.passed),
    ...ownerDiscipline(policy, facts),
    ...freeze.results,
    ...maintenanceWindow(policy, facts),
    ...breakGlass(policy, facts),
    ...addsAccess(policy, facts),
    ...keepsInvariants(policy, facts),
    ...risk.results,
    ...celRequestRules(policy.spec.rules, facts, now),
  ];
  return {
    policy: { name: policy.metadata.name, version: policy.metadata.version },
    passed: results.every(r => r.passed),
    results,
    requiredApprovals,
    changeAdvisory: freeze.changeAdvisory,
  };
}
