import { ContactLink } from './contacts';
import { Discipline } from './disciplines';
import { CoverageSummary, EntityCoverage } from './coverage';
import { OwnerSource } from './inheritance';
import { AnswerHistory } from './historyTypes';
import { TeamDrift } from './driftTypes';

/** Wire types of the integrated-ops backend's lookup API (see its openapi.yaml). */

export interface Person {
  ref: string;
  name: string;
  email?: string;
  contacts: ContactLink[];
}

/** Where an on-call answer came from: the team's YAML rotation or a vendor's schedule. */
export type OnCallSource = 'yaml' | 'pagerduty' | 'opsgenie' | (string & {});

/** A vendor that could not be asked: the answer falls back to YAML, or names nobody. */
export interface ProviderUnavailable {
  provider: string;
  /** When the vendor's answers started failing (ISO). */
  since: string;
  message: string;
}

export interface OnCallNow {
  rotation: string;
  person?: Person;
  from?: string;
  /** End of the current shift; unknown when a vendor could not be asked. */
  until?: string;
  /** Who takes over at `until`; unknown when the vendor does not say. */
  next?: Person;
  /** The rotation's IANA time zone: handovers are local times there. */
  timeZone: string;
  source: OnCallSource;
  /** For vendor answers: when the portal fetched them, and their age at answer time. */
  fetchedAt?: string;
  ageSeconds?: number;
  /** Set when this rotation's vendor could not be asked (the YAML members answer, if any). */
  unavailable?: ProviderUnavailable;
}

/** One level of a vendor's escalation policy: who is paged at that level now. */
export interface ProviderEscalationLevel {
  level: number;
  /** Minutes before the next level is paged. */
  delayMinutes?: number;
  onCall: Person[];
}

/** A vendor escalation policy the team points at, with who is on call at each level. */
export interface ProviderEscalation {
  provider: string;
  id: string;
  name: string;
  levels: ProviderEscalationLevel[];
  fetchedAt?: string;
  unavailable?: ProviderUnavailable;
}

export interface EscalationStep {
  step: number;
  team: string;
  title: string;
  socTier?: number;
  onCall: OnCallNow[];
  lead?: Person;
  contacts: ContactLink[];
  /** The team's vendor escalation policies (PagerDuty), levels in order. */
  policies?: ProviderEscalation[];
}

export interface TeamSummary {
  ref: string;
  title: string;
  email?: string;
  contacts: ContactLink[];
  lead?: Person;
  members: Person[];
}

/** Why nobody of a confirmed ops team can be paged for a discipline. */
export type NoOwnerReason =
  | 'missing'
  | 'unknown-team'
  | 'fallback'
  | 'no-rotation'
  | 'rotation-gap';

/**
 * The loudest part of an answer: this discipline has no ops owner, or nobody
 * of it is on call now. Says whom to call instead when nobody is.
 */
export interface NoOwnerWarning {
  reason: NoOwnerReason;
  message: string;
  /**
   * Set when nobody of the owning team is on call: the first step of its
   * escalation path with someone on call, else the portal's configured
   * no-owner escalation team.
   */
  escalateTo?: EscalationStep;
}

export interface DisciplineAnswer {
  discipline: Discipline;
  source: OwnerSource;
  /** The owning group's ref; set even when the group is not in the catalog. */
  ownerRef?: string;
  declaredOn?: string;
  team?: TeamSummary;
  /** Whether the owning team is in the catalog (false: dangling reference). */
  teamKnown: boolean;
  onCall: OnCallNow[];
  escalation: EscalationStep[];
  /** Absent when a declared or inherited ops team has someone on call now. */
  noOwner?: NoOwnerWarning;
}

export interface RunbookLink extends ContactLink {
  /** Entity ref the runbook is declared on. */
  from: string;
}

export interface EntitySummary {
  ref: string;
  kind: string;
  type?: string;
  title: string;
  description?: string;
  system?: string;
  lifecycle?: string;
  hostnames: string[];
  addresses: string[];
  segment?: string;
  cidrs: string[];
}

export interface OwnershipAnswer {
  entity: EntitySummary;
  owners: Record<Discipline, DisciplineAnswer>;
  runbooks: RunbookLink[];
  /** Set on answers about a past moment (`asOf`): what they rest on. */
  history?: AnswerHistory;
}

export type MatchReason =
  | 'ref'
  | 'name'
  | 'title'
  | 'hostname'
  | 'api-server'
  | 'address'
  | 'segment'
  | 'in-segment';

/** One discipline's owner in brief: the team, where it came from, who is on call now. */
export interface OwnerBrief {
  source: OwnerSource;
  /** The owning group's ref. */
  team?: string;
  title?: string;
  /** The first person on call now, by name. */
  onCall?: string;
  /** Set when nobody of a confirmed ops team can be paged (see NoOwnerWarning). */
  noOwner?: NoOwnerReason;
}

/** A match in brief: enough to list it and say who owns it. */
export interface MatchSummary {
  entity: Pick<EntitySummary, 'ref' | 'kind' | 'type' | 'title' | 'system'>;
  owners: Record<Discipline, OwnerBrief>;
}

/** How much a lookup answers: the best match in full and the others in brief, or every match in full. */
export type LookupDetail = 'best' | 'full';

export interface LookupMatch {
  entityRef: string;
  matchedBy: MatchReason;
  /** Higher is better; matches are sorted by it. */
  score: number;
  detail?: string;
  summary: MatchSummary;
  /** The full answer: the best match's always, the others' with `detail=full`. */
  answer?: OwnershipAnswer;
}

export interface IndexStatus {
  /** When the index last caught up with the catalog (built, patched, or found current). */
  builtAt?: string;
  ageSeconds?: number;
  stale: boolean;
  entities: number;
  lastError?: string;
  /**
   * Set while the portal's database is unreachable: the answer still comes
   * from the last index, but ownership history, counts and changes wait.
   */
  degraded?: { since: string; cause: string };
}

export interface LookupResponse {
  query: {
    q: string;
    interpretedAs: string;
    at: string;
    detail: LookupDetail;
    /** Set when the owners and teams are as they were then, not now. */
    asOf?: string;
  };
  index: IndexStatus;
  /** Best first, at most 20 (the rest are counted in `totalMatches`). */
  matches: LookupMatch[];
  /** How many entities the caller may read matched; `matches` lists the first 20 of them. */
  totalMatches?: number;
  /** Set when more entities matched than `matches` lists (an IP in a busy segment, a short name). */
  truncated?: boolean;
}

/** `GET /teams/on-call`: a team, who is on call now and next on each rotation, and its escalation. */
export interface TeamOnCall {
  team: TeamSummary;
  onCall: OnCallNow[];
  escalation: EscalationStep[];
}

export interface BlastRadiusNode {
  entityRef: string;
  hop: number;
  /** The neighbour one hop closer to the entity asked about. */
  via: string;
  answer: OwnershipAnswer;
}

export interface BlastRadiusResponse {
  entity: OwnershipAnswer;
  depth: number;
  index: IndexStatus;
  /** Entities that depend on it, directly or through others: what else breaks. */
  dependents: BlastRadiusNode[];
  /** Entities it depends on: where the cause may be. */
  dependencies: BlastRadiusNode[];
}

export interface CoverageReport {
  generatedAt: string;
  overall: CoverageSummary;
  bySystem: CoverageSummary[];
  byTeam: CoverageSummary[];
  /** Entities with at least one gap, most gaps first. */
  gaps: EntityCoverage[];
  /** Teams whose ownership is no longer true: deleted owners, no members or lead, leavers in rotations, unconfirmed. */
  drift: TeamDrift[];
  /** Ownership re-certification: the policy's period, or why it could not be read. */
  recertification?: { periodDays?: number; unavailable?: string };
}

/** `GET /coverage` (JSON): the report and the state of the index it came from. */
export interface CoverageResponse extends CoverageReport {
  index: IndexStatus;
}

/** What the alert route did with one alert, and why. */
export interface AlertRoutingResult {
  /** Position of the alert in the payload. */
  position: number;
  fingerprint: string;
  status: 'firing' | 'resolved';
  /** `routed`: to the owner; `fallback`: no entity or no owner, to the fallback team; `unroutable`: nowhere. */
  outcome: 'routed' | 'fallback' | 'unroutable';
  entity?: string;
  /** The label that found the entity. */
  matchedLabel?: { label: string; value: string; reason: MatchReason };
  discipline: Discipline;
  team?: string;
  /** User refs on call for that team now (who was notified in person). */
  onCall: string[];
  /** Entity refs the notification went to. */
  notified: string[];
  /** What on-call vendors were sent (PagerDuty Events API), or why not. */
  forwarded: string[];
  why: string[];
}

export interface AlertRoutingResponse {
  received: number;
  results: AlertRoutingResult[];
}

/** An alert no owner could be found for, as the coverage page lists it. */
export interface UnroutedAlert {
  receivedAt: string;
  fingerprint: string;
  labels: Record<string, string>;
  reason: string;
}

export interface UnroutedAlertsResponse {
  since: string;
  count: number;
  /** The most recent ones, newest first. */
  recent: UnroutedAlert[];
}
