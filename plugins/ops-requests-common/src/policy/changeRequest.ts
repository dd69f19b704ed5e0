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
  protocol: Protocol;
  /** Inclusive; `to` equals `from` for a single port. Absent for icmp. */
  from?: number;
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
  cidrs: string[];
  zone?: string;
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
 * What a self-service request asks for, in the terms the policy judges. The
 * scaffolder actions build it from the form and the catalog.
 *
 * @public
 */
export interface ChangeRequestFacts {
  kind: PolicyKind;
  /** Names the request creates (service name, rule name), checked by the naming rule. */
  names: string[];
  labels?: Record<string, string>;
  source?: FlowEndpoint;
  destination?: FlowEndpoint;
  ports?: PortRule[];
  exposure: 'internal' | 'internet';
  dataClasses: string[];
  production: boolean;
  /** ISO date-time the access or exception ends. */
  expiresAt?: string;
  /** Controls asked for, and controls excepted with why. */
  controls?: SecurityControl[];
  exceptions?: { control: SecurityControl; justification: string }[];
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
  rule: string;
  passed: boolean;
  message: string;
}

/**
 * What the policy decided for a request: each rule's verdict and who must
 * approve.
 *
 * @public
 */
export interface PolicyResult {
  policy: { name: string; version: string };
  passed: boolean;
  results: RuleResult[];
  /** Disciplines whose owners must approve, derived from the request and the rules. */
  requiredApprovals: ApprovingRole[];
  /** The change advisory board's group, when a freeze lets it approve the change. */
  changeAdvisory?: string;
}
