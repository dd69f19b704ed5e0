import { ApprovingRole } from './approvingRoles';
import { RuleResult } from './policy/changeRequest';
import type { ChangeIntent } from './requests/changeIntent';
import type { RequestKind, RequestState } from './enums';

export type { RequestKind, RequestState } from './enums';

/** Wire types of the ops-requests backend's API. */

/** The reviewed change a request delivers: a branch the backend committed itself. */
export interface RequestChange {
  provider: 'local' | 'github' | 'gitlab';
  /** Local repository name, or owner/repo. */
  repository: string;
  branch: string;
  /** The commit approvers review; only this commit is ever merged. */
  commit: string;
  /** The pull / merge request, or the local repository's name. */
  url: string;
  /**
   * The files of the change, path → content. For local repositories read
   * back from git at `commit` when a request is shown.
   */
  files: Record<string, string>;
}

/** What the backend decided for an intent: the same for a preview and a request. */
export interface ChangePlan {
  kind: RequestKind;
  title: string;
  description: string;
  /** Entity refs the request is about; the first is the one whose owners approve. */
  targets: string[];
  policy: { version: string; passed: boolean; results: RuleResult[] };
  requiredApprovals: ApprovingRole[];
  /** The approving team per required discipline, from the first target's typed owners. */
  approvers: Partial<Record<ApprovingRole, string>>;
  /** The rendered change, path → content. */
  files: Record<string, string>;
  /** When granted access ends (ISO date-time, UTC). */
  expiresAt?: string;
  /** Asked as break-glass and allowed: applied at once, reviewed afterwards. */
  breakGlass?: BreakGlass;
  /** Planned apply time: once approved, applied then by the scheduler. */
  applyAt?: string;
}

/**
 * An ownership re-certification: the owning team of one discipline confirms
 * it still owns what the catalog says it owns where the ownership is
 * declared (an entity, or the System or Domain its entities inherit from),
 * or hands it over to another team, which accepts or refuses.
 */
export interface OwnershipRecertification {
  /** Where the owner is declared (the request's target). */
  declaredOn: string;
  discipline: 'netops' | 'devops' | 'secops';
  /** The team asked: the owner the catalog names, or the team offered a hand-over. */
  team: string;
  /** How many entities own through this declaration (itself included). */
  entities: number;
  /** Set on a hand-over offer: the team handing over. */
  handOverFrom?: string;
  /** Set on a re-certification that was handed over: to whom. */
  handedOverTo?: string;
}

/**
 * Where a declaration's re-certification stands. `confirmed`: within the
 * period; `pending`: the team was asked; `handover-offered`: passed to
 * another team, which has not answered; `handover-accepted`: the other team
 * accepted, the catalog still names the old one (change spec.opsOwners);
 * `due`: never confirmed, or the confirmation lapsed.
 */
export type RecertificationState =
  | 'confirmed'
  | 'pending'
  | 'handover-offered'
  | 'handover-accepted'
  | 'due';

/** `GET /recertifications`: one per declaration of a typed owner in the catalog. */
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

export interface RecertificationReport {
  /** Absent when the policy asks no re-certification. */
  periodDays?: number;
  items: RecertificationStatus[];
}

/** A break-glass grant: who opened it for which incident, and its review. */
export interface BreakGlass {
  incident: string;
  durationMinutes: number;
  /** The owning team the requester was on call for. */
  onCallFor: string;
  /** The owning teams confirm or revoke before this; unconfirmed, it is revoked. */
  reviewDueAt: string;
  /** Group told at once (SecOps), from the policy. */
  notify: string;
  /** The policy's limit of open grants per person when it was filed (absent on older grants: 1). */
  maxOpenPerPerson?: number;
}

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

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  fromState?: RequestState;
  toState?: RequestState;
  reason?: string;
}

export type ChangeRequestDetail = ChangeRequest & {
  audit: AuditEntry[];
  /** Whether the caller may approve or reject it now. */
  canDecide: boolean;
};

/** What the change calendar shows. */
export type CalendarEntryKind =
  | 'freeze'
  | 'maintenance'
  | 'planned-apply'
  | 'expiry'
  | 'review-due'
  | 'recertification';

/** One entry of the change calendar: a freeze window, or a dated step of a request. */
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

/** `GET /calendar`: what happens between `from` and `to`, in time order. */
export interface CalendarResponse {
  from: string;
  to: string;
  entries: CalendarEntry[];
}
