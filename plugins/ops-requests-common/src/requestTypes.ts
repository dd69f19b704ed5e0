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
  declaredOn: string;
  discipline: 'netops' | 'devops' | 'secops';
  /** The owner the catalog names. */
  team: string;
  entities: number;
  state: RecertificationState;
  confirmedAt?: string;
  confirmedBy?: string;
  /** The request that decides it now (pending, offered) or did (confirmed, accepted). */
  requestId?: string;
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
  items: RecertificationStatus[];
}

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
  discipline: ApprovingRole;
  decidedBy: string;
  decidedAt: string;
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
};

/**
 * One recorded step of a request's life: who did what, and the state it moved
 * between.
 *
 * @public
 */
export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  fromState?: RequestState;
  toState?: RequestState;
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
  kind: CalendarEntryKind;
  title: string;
  /** ISO instant; for a freeze, its start. */
  start: string;
  /** For a freeze, its end. */
  end?: string;
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
  from: string;
  to: string;
  entries: CalendarEntry[];
}
