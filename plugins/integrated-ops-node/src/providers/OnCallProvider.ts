import { Entity } from '@backstage/catalog-model';

/**
 * A person as an on-call vendor names them; matched to catalog users by email.
 *
 * @public
 */
export interface ProviderPerson {
  name: string;
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
  level: number;
  delayMinutes?: number;
  onCall: ProviderPerson[];
}

/**
 * A vendor escalation policy, with who is on call at each level.
 *
 * @public
 */
export interface ProviderEscalationPolicy {
  id: string;
  name: string;
  levels: ProviderEscalationLevel[];
}

/**
 * The vendor schedules and escalation policies a team points at.
 *
 * @public
 */
export interface ProviderReferences {
  schedules: string[];
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
  status: 'firing' | 'resolved';
  summary: string;
  severity: 'critical' | 'error' | 'warning' | 'info';
  /** What the alert was about, e.g. the `instance` label. */
  source: string;
  entityRef?: string;
  discipline: string;
  teamRef: string;
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
