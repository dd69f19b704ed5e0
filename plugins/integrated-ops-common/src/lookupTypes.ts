import { CoverageSummary, EntityCoverage } from './coverage';
import { Discipline } from './disciplines';
import { TeamDrift } from './driftTypes';
import type { components } from './schema/openapi/generated/types';

/*
 * Wire types of the integrated-ops backend's lookup API. Those its
 * openapi.yaml states as tightly as the backend serves them are derived from
 * it; the others stay written out here (see each).
 */

/**
 * A catalog user as an answer names them, with the contacts to reach them.
 *
 * @public
 */
export type Person = components['schemas']['Person'];

/**
 * Where an on-call answer came from: the team's YAML rotation or a vendor's schedule.
 *
 * @public
 */
export type OnCallSource = 'yaml' | 'pagerduty' | 'opsgenie' | (string & {});

/**
 * A vendor that could not be asked: the answer falls back to YAML, or names nobody.
 *
 * @public
 */
export type ProviderUnavailable = components['schemas']['ProviderUnavailable'];

/**
 * Who is on call now on one rotation, until when, and who is next.
 *
 * @public
 */
export type OnCallNow = components['schemas']['OnCallNow'];

/**
 * One level of a vendor's escalation policy: who is paged at that level now.
 *
 * @public
 */
export type ProviderEscalationLevel = ProviderEscalation['levels'][number];

/**
 * A vendor escalation policy the team points at, with who is on call at each level.
 *
 * @public
 */
export type ProviderEscalation = components['schemas']['ProviderEscalation'];

/**
 * One step of a team's escalation path: the team, who is on call there, and how to reach it.
 *
 * @public
 */
export type EscalationStep = components['schemas']['EscalationStep'];

/**
 * An owning team as an answer shows it: contacts, lead and members.
 *
 * @public
 */
export type TeamSummary = components['schemas']['Team'];

/**
 * Why nobody of a confirmed ops team can be paged for a discipline.
 *
 * @public
 */
export type NoOwnerReason = NoOwnerWarning['reason'];

/**
 * The loudest part of an answer: this discipline has no ops owner, or nobody
 * of it is on call now. Says whom to call instead when nobody is.
 *
 * @public
 */
export type NoOwnerWarning = components['schemas']['NoOwnerWarning'];

/**
 * One discipline's owner of an entity: the team, where the ownership comes
 * from, who is on call and the escalation path.
 *
 * @public
 */
export type DisciplineAnswer = components['schemas']['DisciplineAnswer'];

/**
 * A runbook link, and the entity it is declared on.
 *
 * @public
 */
export type RunbookLink = components['schemas']['Runbook'];

/**
 * The catalog facts of an entity an answer is about.
 *
 * @public
 */
export type EntitySummary = components['schemas']['EntitySummary'];

/**
 * Who owns an entity for each discipline, and its runbooks.
 *
 * @public
 */
export type OwnershipAnswer = components['schemas']['OwnershipAnswer'];

/**
 * How a query matched an entity.
 *
 * @public
 */
export type MatchReason = LookupMatch['matchedBy'];

/**
 * One discipline's owner in brief: the team, where it came from, who is on call now.
 *
 * @public
 */
export type OwnerBrief = components['schemas']['OwnerBrief'];

/**
 * A match in brief: enough to list it and say who owns it.
 *
 * @public
 */
export type MatchSummary = components['schemas']['MatchSummary'];

/**
 * How much a lookup answers: the best match in full and the others in brief, or every match in full.
 *
 * @public
 */
export type LookupDetail = LookupResponse['query']['detail'];

/**
 * One entity a query matched, how it matched, and its owners.
 *
 * @public
 */
export type LookupMatch = components['schemas']['LookupMatch'];

/**
 * Age and health of the backend's in-memory ownership index.
 *
 * @public
 */
export type IndexStatus = components['schemas']['IndexStatus'];

/**
 * What a lookup that matched nothing answers instead: whom to call, the
 * nearest owned segment or System, and near names.
 *
 * @public
 */
export type NoMatchHelp = components['schemas']['NoMatchHelp'];

/**
 * `GET /lookup`: the query as understood, and the entities it matched with their owners.
 *
 * @public
 */
export type LookupResponse = components['schemas']['LookupResponse'];

/**
 * A team, who is on call now and next on each rotation, and its escalation
 * (`GET /teams/on-call` without the index status it adds).
 *
 * @public
 */
export type TeamOnCall = Omit<
  components['schemas']['TeamOnCallResponse'],
  'index'
>;

/**
 * An entity within the blast radius, how many hops away, and its owners.
 *
 * @public
 */
export type BlastRadiusNode = components['schemas']['BlastRadiusNode'];

/**
 * `GET /blast-radius`: what depends on an entity and what it depends on, with their owners.
 *
 * @public
 */
export type BlastRadiusResponse = components['schemas']['BlastRadiusResponse'];

/**
 * Ownership coverage per system and team, and the entities with gaps.
 * Written out: the spec leaves a gap's `owners` an open object and `drift`
 * optional, looser than what the backend builds and serves.
 *
 * @public
 */
export interface CoverageReport {
  /** When the report was computed (ISO). */
  generatedAt: string;
  /** All entities together. */
  overall: CoverageSummary;
  /** One summary per System. */
  bySystem: CoverageSummary[];
  /** One summary per owning team. */
  byTeam: CoverageSummary[];
  /** Entities with at least one gap, most gaps first. */
  gaps: EntityCoverage[];
  /** Teams whose ownership is no longer true: deleted owners, no members or lead, leavers in rotations, unconfirmed. */
  drift: TeamDrift[];
  /** Ownership re-certification: the policy's period, or why it could not be read. */
  recertification?: { periodDays?: number; unavailable?: string };
}

/**
 * `GET /coverage` (JSON): the report and the state of the index it came from.
 *
 * @public
 */
export interface CoverageResponse extends CoverageReport {
  /** The index the report was computed from. */
  index: IndexStatus;
}

/**
 * What the alert route did with one alert, and why. Written out: the spec
 * states `matchedLabel.reason` as any string.
 *
 * @public
 */
export interface AlertRoutingResult {
  /** Position of the alert in the payload. */
  position: number;
  /** The alert's fingerprint, as sent or computed from its labels. */
  fingerprint: string;
  /** Whether the alert fires or was resolved. */
  status: 'firing' | 'resolved';
  /** `routed`: to the owner; `fallback`: no entity or no owner, to the fallback team; `unroutable`: nowhere. */
  outcome: 'routed' | 'fallback' | 'unroutable';
  /** The entity the alert was routed for. */
  entity?: string;
  /** The label that found the entity. */
  matchedLabel?: { label: string; value: string; reason: MatchReason };
  /** The discipline that owns alerts of this kind. */
  discipline: Discipline;
  /** The team the alert went to. */
  team?: string;
  /** User refs on call for that team now (who was notified in person). */
  onCall: string[];
  /** Entity refs the notification went to. */
  notified: string[];
  /** What on-call vendors were sent (PagerDuty Events API), or why not. */
  forwarded: string[];
  /** Each decision of the routing, in order, in words. */
  why: string[];
  /** The incident this alert opened or updated, when it was recorded. */
  incident?: string;
  /** True when the answer came before this alert was sent: it is sent after, from the queue. */
  delivering?: boolean;
}

/**
 * `POST /alerts/alertmanager`: how many alerts arrived and what became of each.
 *
 * @public
 */
export interface AlertRoutingResponse {
  /** Alerts in the payload. */
  received: number;
  /** One per alert, in payload order. */
  results: AlertRoutingResult[];
}

/**
 * An alert no owner could be found for, as the coverage page lists it.
 *
 * @public
 */
export type UnroutedAlert = UnroutedAlertsResponse['recent'][number];

/**
 * `GET /alerts/unrouted`: alerts of the last 24 hours that found no entity or no owner.
 *
 * @public
 */
export type UnroutedAlertsResponse =
  components['schemas']['UnroutedAlertsResponse'];

/**
 * `POST /pages`: page the owning team of one discipline of an entity, or
 * the incident escalation for a query that matched nothing.
 *
 * @public
 */
export type PageRequest = components['schemas']['PageRequest'];

/**
 * `POST /pages` for one discipline of an entity.
 *
 * @public
 */
export type EntityPageRequest = components['schemas']['EntityPageRequest'];

/**
 * `POST /pages` for the incident escalation team, for a query that matched
 * nothing in the catalog.
 *
 * @public
 */
export type EscalationPageRequest =
  components['schemas']['EscalationPageRequest'];

/**
 * A page sent from a lookup answer, and whether someone acknowledged it.
 *
 * @public
 */
export type Page = components['schemas']['Page'];

/**
 * An alert fingerprint from its first firing to its resolution: the team it
 * was routed to then, who was notified, acknowledged and resolved when.
 *
 * @public
 */
export type Incident = components['schemas']['Incident'];

/**
 * Response figures of one team or discipline: time to acknowledge and to
 * resolve (p50, p90, seconds), re-routes.
 *
 * @public
 */
export type ResponseTimes = components['schemas']['ResponseTimes'];

/**
 * Time to acknowledge and resolve per owning team and discipline, over time.
 *
 * @public
 */
export type ResponseKpis = components['schemas']['ResponseKpis'];
