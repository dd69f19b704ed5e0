import { Entity } from '@backstage/catalog-model';

/**
 * A person as an on-call vendor names them; matched to catalog users by email.
 *
 * @public
 */
export interface ProviderPerson {
  /** The person's name at the vendor, shown when no catalog user matches. */
  name: string;
  /** Their email at the vendor; absent when the vendor gives none, so no catalog user can match. */
  email?: string;
}

/**
 * Who is on call on one vendor schedule at an instant.
 *
 * @public
 */
export interface ProviderShift {
  /** The schedule's id at the vendor. */
  schedule: string;
  /** Its name there, shown as the rotation's name. */
  name: string;
  /** The schedule's IANA time zone. */
  timeZone: string;
  /** Absent when nobody is on call (an empty schedule or a gap). */
  onCall?: ProviderPerson;
  /** The current shift (ISO instants); absent when the vendor does not say. */
  from?: string;
  /** When the current shift ends (ISO instant); absent when the vendor does not say. */
  until?: string;
  /** Who takes over at `until`. */
  next?: ProviderPerson;
}

/**
 * One level of a vendor escalation policy and who is on call at it.
 *
 * @public
 */
export interface ProviderEscalationLevel {
  /** The level's place in the policy, from 1. */
  level: number;
  /** Minutes before an unacknowledged page escalates past this level; absent when the vendor does not say. */
  delayMinutes?: number;
  /** Who is on call at this level now; empty when nobody is. */
  onCall: ProviderPerson[];
}

/**
 * A vendor escalation policy, with who is on call at each level.
 *
 * @public
 */
export interface ProviderEscalationPolicy {
  /** The policy's id at the vendor. */
  id: string;
  /** Its name there. */
  name: string;
  /** Its levels in escalation order, first paged first. */
  levels: ProviderEscalationLevel[];
}

/**
 * The vendor schedules and escalation policies a team points at.
 *
 * @public
 */
export interface ProviderReferences {
  /** Ids of the vendor schedules the team's annotations name; empty when none. */
  schedules: string[];
  /** Ids of the vendor escalation policies the team's annotations name; empty when none. */
  escalationPolicies: string[];
}

/**
 * An on-call vendor. The lookup asks it off the request path, on a schedule,
 * and caches the answers; a provider that throws or times out makes the
 * answer fall back to the team's YAML rotation and say since when.
 *
 * @public
 */
export interface OnCallProvider {
  /** The id rotations name in `from.provider` and answers carry as `source`. */
  readonly id: string;
  /** For people: "PagerDuty". */
  readonly title: string;
  /** What a team (Group entity) points at, from its annotations. */
  references(team: Entity): ProviderReferences;
  /** Who is on call on a schedule at `at`. */
  shift(
    schedule: string,
    at: Date,
    signal: AbortSignal,
  ): Promise<ProviderShift>;
  /** Who is on call at each level of an escalation policy at `at`. */
  escalationPolicy?(
    id: string,
    at: Date,
    signal: AbortSignal,
  ): Promise<ProviderEscalationPolicy>;
}

/**
 * An alert the lookup routed to a team, for a vendor to page on.
 *
 * @public
 */
export interface RoutedAlert {
  /** Alertmanager's fingerprint (or one computed from the labels): the dedup key. */
  fingerprint: string;
  /** Whether the alert fires or was resolved, as Alertmanager said. */
  status: 'firing' | 'resolved';
  /** One line for people: the alert's summary or description annotation, else its alertname. */
  summary: string;
  /** The alert's `severity` label in the vendor's terms; `warning` when it has none or another. */
  severity: 'critical' | 'error' | 'warning' | 'info';
  /** What the alert was about, e.g. the `instance` label. */
  source: string;
  /** The entity the alert's labels named; absent when none matched and the alert went to the fallback team. */
  entityRef?: string;
  /** The discipline (netops, devops, secops) the alert's labels made it. */
  discipline: string;
  /** The team it was routed to: the discipline's owner of the entity, or the fallback team. */
  teamRef: string;
  /** The alert's labels as Alertmanager sent them. */
  labels: Record<string, string>;
  /** The lookup answer in the portal. */
  link?: string;
}

/**
 * A provider that can also page: forwards routed alerts to the team's service.
 *
 * @public
 */
export interface AlertForwarder {
  /** The vendor's id, as in {@link OnCallProvider.id}; prefixes what is reported as forwarded. */
  readonly id: string;
  /**
   * Sends the alert to the vendor service the team points at; resolves to
   * what was done, or undefined when the team points at none.
   */
  forwardAlert(
    team: Entity,
    alert: RoutedAlert,
    signal: AbortSignal,
  ): Promise<string | undefined>;
}
