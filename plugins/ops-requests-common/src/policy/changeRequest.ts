import { Discipline } from '@integrated-ops/plugin-integrated-ops-common';
import { ApprovingRole } from '../approvingRoles';
import type { PolicyKind } from '../enums';
import { ChangeScopeEntity } from './changeCalendar';
import { SecurityControl } from './policyDocument';

/**
 * The protocols a network access request can open.
 *
 * @public
 */
export type Protocol = 'tcp' | 'udp' | 'icmp';

/**
 * A port or port range of one protocol.
 *
 * @public
 */
export interface PortRule {
  /** The protocol the rule opens. */
  protocol: Protocol;
  /** Inclusive; `to` equals `from` for a single port. Absent for icmp. */
  from?: number;
  /** Last port of the range, inclusive; absent for icmp. */
  to?: number;
}

/**
 * One side of a network flow, as the catalog describes it.
 *
 * @public
 */
export interface FlowEndpoint {
  /** The entity's ref; for an address range outside the catalog, the range. */
  entityRef: string;
  /** An address range outside the catalog (a partner's, a vendor's): SecOps always approves. */
  external?: boolean;
  /** The address ranges the endpoint has (its spec.network); empty when it declares none. */
  cidrs: string[];
  /** Its network zone; absent: the default zone. */
  zone?: string;
  /** Its spec.lifecycle (e.g. production); absent when it has none. */
  lifecycle?: string;
}

/**
 * A team named as an owner, as the catalog describes it.
 *
 * @public
 */
export interface OwnerTeamFacts {
  /** The owner as named (a full, lower-case entity ref when it parsed as one). */
  ref: string;
  /** Whether the catalog holds it as a Group; anything else cannot own. */
  isGroup: boolean;
  /** Its `spec.opsTeam.discipline`; absent when it declares none. */
  discipline?: Discipline;
  /** Where the owner comes from when not chosen in the request (e.g. the System). */
  inheritedFrom?: string;
}

/**
 * A security finding as the policy judges a risk acceptance of it.
 *
 * @public
 */
export interface RiskFinding {
  /** Its id in the security-findings plugin. */
  id: string;
  /** Normalized severity, which decides the longest acceptance and whether SecOps approves. */
  severity: 'critical' | 'high' | 'medium' | 'low' | 'info';
  /** The discipline that owns it (its routing). */
  discipline: Discipline;
  /** One line, scanner text. */
  title: string;
  /** The tool named when its report was posted. */
  tool: string;
  /** The scanner's rule or advisory (a CVE). */
  ruleId: string;
  /** Open, or fixed by a later report. */
  status: 'open' | 'fixed';
  /** Until when its risk is accepted already, if it is. */
  acceptedUntil?: string;
}

/**
 * What a self-service request asks for, in the terms the policy judges. The
 * backend builds it from the intent, the catalog, main and the security
 * findings.
 *
 * @public
 */
export interface ChangeRequestFacts {
  /** What is asked for, which decides the rules that apply. */
  kind: PolicyKind;
  /** Names the request creates (service name, rule name), checked by the naming rule. */
  names: string[];
  /** Kubernetes labels the request puts on what it creates; checked for syntax. */
  labels?: Record<string, string>;
  /** Where a network flow comes from; absent for requests that open none. */
  source?: FlowEndpoint;
  /** Where a network flow goes (network-access requests only). */
  destination?: FlowEndpoint;
  /** The ports the flow opens; absent for requests that open none. */
  ports?: PortRule[];
  /** Whether what the request opens is reachable from the internet. */
  exposure: 'internal' | 'internet';
  /** Lower-case data classes involved (e.g. pci), as asked and from the endpoints; some make SecOps approve. */
  dataClasses: string[];
  /** Whether it touches production (an endpoint's lifecycle, or a new production service). */
  production: boolean;
  /** ISO date-time the access or exception ends. */
  expiresAt?: string;
  /** Controls asked for, and controls excepted with why. */
  controls?: SecurityControl[];
  /** Controls excepted, each with the requester's justification. */
  exceptions?: { control: SecurityControl; justification: string }[];
  /**
   * The security finding a risk acceptance is for, as the security-findings
   * plugin answers it (never as the request says).
   */
  finding?: RiskFinding;
  /** Owners named for the targets; the SecOps rule needs one when SecOps must be involved. */
  owners: Partial<Record<Discipline, string>>;
  /**
   * The owners' teams as the catalog describes them. When given, the
   * owner-discipline rule checks each may own its discipline (a new
   * service's owners: chosen or inherited from its System).
   */
  ownerTeams?: Partial<Record<Discipline, OwnerTeamFacts>>;
  /**
   * When the change would apply, and what it touches: the target and its
   * dependents up to the policy's blast-radius depth (for change freezes).
   */
  changeScope?: {
    at: string;
    /** Whether `at` is a planned apply time (else: on approval, from now). */
    planned?: boolean;
    entities: ChangeScopeEntity[];
  };
  /**
   * What the change does to the network against main, computed by the
   * backend (absent where main cannot be read): how many connections it
   * adds, removes and changes; the rules that already allow the flow asked
   * for (`namespace/name (file, request, until)`), and whether the request
   * ends later than all of them.
   */
  connectivity?: {
    added: number;
    removed: number;
    changed: number;
    alreadyAllowedBy: string[];
    extendsExpiry: boolean;
    /** What the flow asked for loses (its source to its destination), e.g. `TCP 443 becomes TCP 8443`; empty when nothing. */
    narrowsFlow: string[];
    /** The policy's connectivity invariants the change would break, in words (see invariantViolations). */
    violations?: string[];
    /** Whether the effect could be computed (main readable). */
    computed?: boolean;
  };
  /** Asked as break-glass: what the break-glass rules judge. */
  breakGlass?: {
    durationMinutes: number;
    /** Break-glass grants the requester holds open now. */
    openByRequester: number;
    /** The owning team the requester is on call for now, if any. */
    onCallFor?: string;
  };
}

/**
 * The verdict of one policy rule on a request, in words.
 *
 * @public
 */
export interface RuleResult {
  /** The rule's id, e.g. `labels` or `production-expiry`. */
  rule: string;
  /** Whether the request meets the rule. */
  passed: boolean;
  /** The verdict in words for the requester, whether passed or not. */
  message: string;
}

/**
 * What the policy decided for a request: each rule's verdict and who must
 * approve.
 *
 * @public
 */
export interface PolicyResult {
  /** The policy document judged by: its metadata name and version. */
  policy: { name: string; version: string };
  /** Whether every rule passed. */
  passed: boolean;
  /** Each rule's verdict, in the order the rules ran. */
  results: RuleResult[];
  /** Disciplines whose owners must approve, derived from the request and the rules. */
  requiredApprovals: ApprovingRole[];
  /** The change advisory board's group, when a freeze lets it approve the change. */
  changeAdvisory?: string;
}
