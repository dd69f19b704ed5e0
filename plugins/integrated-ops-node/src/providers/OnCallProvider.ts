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

/**
 * A page a signed-in person sent from a lookup answer, for a vendor to
 * deliver to the owning team's service.
 *
 * @public
 */
export interface PortalPage {
  /** The portal's id of the page; the vendor's dedup key (or alias) is made from it. */
  id: string;
  /** One line for the people paged: what, which discipline, who paged. */
  summary: string;
  /** What was looked up, as typed (a hostname, an IP, a name). */
  query: string;
  /** The entity the answer named; for an escalation, the escalation team. */
  entityRef: string;
  /** netops, devops or secops; absent for an escalation (the query matched nothing). */
  discipline?: string;
  /** The discipline's owning team of the entity, or the escalation team. */
  teamRef: string;
  /** The user who paged. */
  pagedBy: string;
  /** A note the person added; absent when none. */
  note?: string;
  /** The page in the portal. */
  link?: string;
}

/**
 * The key a vendor knows a portal page by (PagerDuty dedup key, Opsgenie
 * alias): one per page, so a retried send never pages twice.
 *
 * @public
 */
export const pageVendorKey = (pageId: string) =>
  `integrated-ops-page-${pageId}`;

/**
 * Where a page stands at the vendor.
 *
 * @public
 */
export interface PageState {
  /** Triggered until someone acknowledges it; resolved when closed there. */
  state: 'triggered' | 'acknowledged' | 'resolved';
  /** Who acknowledged it, as the vendor names them; absent while nobody has. */
  acknowledgedBy?: ProviderPerson;
  /** When (ISO instant); absent while nobody has, or when the vendor does not say. */
  acknowledgedAt?: string;
}

/**
 * A vendor that pages a team on a person's request and reports whether
 * someone acknowledged (PagerDuty Events API v2 and REST API).
 *
 * @public
 */
export interface Pager {
  /** The vendor's id, as in {@link OnCallProvider.id}. */
  readonly id: string;
  /** For people: "PagerDuty". */
  readonly title: string;
  /**
   * Sends the page to the vendor service the team points at; resolves to the
   * vendor's key for it (dedup key, alias), or undefined when the team points
   * at none.
   */
  page(
    team: Entity,
    page: PortalPage,
    signal: AbortSignal,
  ): Promise<{ key: string; said: string } | undefined>;
  /** Where the page stands; undefined while the vendor has no incident for it yet. */
  pageState(
    team: Entity,
    key: string,
    signal: AbortSignal,
  ): Promise<PageState | undefined>;
}
