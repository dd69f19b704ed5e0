import { ApprovingRole } from './approvingRoles';
import { RuleResult } from './policy/changeRequest';
import type { ChangeIntent } from './requests/changeIntent';
import type { RequestKind, RequestState } from './enums';
import type { components } from './schema/openapi/generated/types';

export type { RequestKind, RequestState } from './enums';

/** Wire types of the ops-requests backend's API. */

/**
 * The reviewed change a request delivers: a branch the backend committed itself.
 *
 * @public
 */
export type RequestChange = components['schemas']['ChangeRequest']['change'];

/**
 * What the backend decided for an intent: the same for a preview and a request.
 *
 * @public
 */
export type ChangePlan = components['schemas']['ChangePlan'];

/**
 * An ownership re-certification: the owning team of one discipline confirms
 * it still owns what the catalog says it owns where the ownership is
 * declared (an entity, or the System or Domain its entities inherit from),
 * or hands it over to another team, which accepts or refuses.
 *
 * @public
 */
export type OwnershipRecertification = NonNullable<
  components['schemas']['ChangeRequest']['recertification']
>;

/**
 * Where a declaration's re-certification stands. `confirmed`: within the
 * period; `pending`: the team was asked; `handover-offered`: passed to
 * another team, which has not answered; `handover-accepted`: the other team
 * accepted, the catalog still names the old one (change spec.opsOwners);
 * `due`: never confirmed, or the confirmation lapsed.
 *
 * @public
 */
export type RecertificationState =
  | 'confirmed'
  | 'pending'
  | 'handover-offered'
  | 'handover-accepted'
  | 'due';

/**
 * `GET /recertifications`: one per declaration of a typed owner in the catalog.
 *
 * @public
 */
export interface RecertificationStatus {
  /** The entity, System or Domain that declares the owner (entity ref). */
  declaredOn: string;
  /** The discipline the declaration names an owner for. */
  discipline: 'netops' | 'devops' | 'secops';
  /** The owner the catalog names. */
  team: string;
  /** How many entities own through this declaration. */
  entities: number;
  /** Where the re-certification stands. */
  state: RecertificationState;
  /** When the team confirmed it (ISO instant); present only when `confirmed`. */
  confirmedAt?: string;
  /** Who of the team confirmed it (user ref); present only when `confirmed`. */
  confirmedBy?: string;
  /** The request that decides it now (pending, offered) or did (confirmed, accepted). */
  requestId?: string;
  /** The team a hand-over was offered to or accepted by; absent otherwise. */
  handOverTo?: string;
}

/**
 * `GET /recertifications`: the policy's period and where each declaration's
 * re-certification stands.
 *
 * @public
 */
export interface RecertificationReport {
  /** Absent when the policy asks no re-certification. */
  periodDays?: number;
  /** One per declaration of a typed owner in the catalog. */
  items: RecertificationStatus[];
}

/**
 * The connectivity a change makes against main: connections added, removed
 * and changed, and the rules that already allowed the flow asked for.
 *
 * @public
 */
export type ChangeConnectivity = components['schemas']['ChangeConnectivity'];

/**
 * A break-glass grant: who opened it for which incident, and its review.
 *
 * @public
 */
export type BreakGlass = components['schemas']['BreakGlass'];

/**
 * One approving role's approval of a request: who, when, and why.
 *
 * @public
 */
export interface Approval {
  /** The approving role this approval is for. */
  discipline: ApprovingRole;
  /** Who approved (user ref). */
  decidedBy: string;
  /** When (ISO instant). */
  decidedAt: string;
  /** The approver's comment; absent when they gave none. */
  comment?: string;
}

/**
 * A change request as stored: the intent as asked, and everything the backend
 * derived from it. A type, not an interface: the spec's ChangeRequest is an
 * open object (ChangeRequestDetail extends it), and only a type literal is
 * assignable to its index signature.
 *
 * @public
 */
export type ChangeRequest = {
  id: string;
  kind: RequestKind;
  title: string;
  description: string;
  targets: string[];
  change: RequestChange;
  policy: { version: string; results: RuleResult[] };
  requiredApprovals: ApprovingRole[];
  /** The approving team per required discipline, resolved from typed ownership at request time. */
  approvers: Partial<Record<ApprovingRole, string>>;
  /** What was asked for (absent on requests filed before intents were stored). */
  intent?: ChangeIntent;
  expiresAt?: string;
  state: RequestState;
  requestedBy: string;
  requestedAt: string;
  approvals: Approval[];
  decidedAt?: string;
  appliedAt?: string;
  revokedAt?: string;
  breakGlass?: BreakGlass;
  /** Planned apply time (absent once applied or for changes applied on approval). */
  applyAt?: string;
  /** Set on requests of kind ownership-recertification. */
  recertification?: OwnershipRecertification;
  /** What the change does to the network, computed at filing (absent where main could not be read). */
  connectivity?: ChangeConnectivity;
};

/**
 * One recorded step of a request's life: who did what, and the state it moved
 * between.
 *
 * @public
 */
export interface AuditEntry {
  /** The entry's sequence number, increasing in the order steps were recorded. */
  id: number;
  /** When the step happened (ISO instant). */
  at: string;
  /** Who took it: a user ref, or `ops-requests:portal` for the portal's own steps (expiry, planned applies). */
  actor: string;
  /** What was done, e.g. `created`, `approved:netops`, `applied`, `expired`. */
  action: string;
  /** The state before the step; absent when it changed none. */
  fromState?: RequestState;
  /** The state after the step; absent when it changed none. */
  toState?: RequestState;
  /** Why, in the actor's words (a description, a comment); absent when none was given. */
  reason?: string;
}

/**
 * A change request with its audit trail, and whether the caller may decide it
 * now.
 *
 * @public
 */
export type ChangeRequestDetail = ChangeRequest & {
  audit: AuditEntry[];
  /** Whether the caller may approve or reject it now. */
  canDecide: boolean;
};

/**
 * What the change calendar shows.
 *
 * @public
 */
export type CalendarEntryKind =
  | 'freeze'
  | 'maintenance'
  | 'planned-apply'
  | 'expiry'
  | 'review-due'
  | 'recertification';

/**
 * One entry of the change calendar: a freeze window, or a dated step of a request.
 *
 * @public
 */
export interface CalendarEntry {
  /** What the entry is: a freeze or maintenance window, or a dated step of a request. */
  kind: CalendarEntryKind;
  /** One line for people, e.g. `Freeze: <name>` or `Apply <id>: <request title>`. */
  title: string;
  /** ISO instant; for a freeze, its start. */
  start: string;
  /** For a freeze, its end. */
  end?: string;
  /** The request the entry is a step of; absent for freezes and maintenance windows. */
  requestId?: string;
  /** Teams concerned: the request's approving teams. */
  teams: string[];
  /** Entity refs concerned: the request's targets, or a freeze's scope. */
  targets: string[];
}

/**
 * `GET /calendar`: what happens between `from` and `to`, in time order.
 *
 * @public
 */
export interface CalendarResponse {
  /** Start of the period shown (ISO instant): as asked, or now. */
  from: string;
  /** End of the period shown (ISO instant): as asked, or 30 days after `from`. */
  to: string;
  /** The entries in the period, in time order. */
  entries: CalendarEntry[];
}
