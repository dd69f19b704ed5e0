import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { OpsRequestQuery } from '@integrated-ops/plugin-ops-requests-node';
import {
  ApprovingRole,
  AuditEntry,
  ChangeRequest,
  RequestState,
} from '@integrated-ops/plugin-ops-requests-common';
import { RequestLimit } from './requestLimits';

/** A new request as the backend derived it: state, approvals and decision times come later. */
export type StoredRequestInput = Omit<
  ChangeRequest,
  'state' | 'approvals' | 'decidedAt' | 'appliedAt' | 'revokedAt'
>;

export interface TransitionInput {
  id: string;
  /** States the request may be in; the transition fails otherwise. */
  from: RequestState[];
  to: RequestState;
  action: string;
  actor: string;
  at: string;
  reason?: string;
  /**
   * A decision that grants (approve, confirm): refused once the request's
   * expiry has passed at `at`, checked in the transaction that records it.
   */
  beforeExpiry?: boolean;
}

/** A filing the change policy refused (kept for the governance KPIs; nothing else of it is stored). */
export interface PolicyRefusal {
  at: string;
  requestedBy: string;
  kind: string;
  targets: string[];
  approvers: Partial<Record<ApprovingRole, string>>;
  /** The rules that failed. */
  rules: string[];
  policyVersion: string;
}

/**
 * Change requests and their audit trail. Every state change is a
 * conditional update in a transaction, so two replicas deciding the same
 * request cannot both win: the loser gets a ConflictError.
 */
export interface RequestStore {
  /**
   * Stores a new pending request. Each limit is checked and held in the same
   * transaction (LimitReachedError when it is reached), so concurrent
   * filings never pass it together.
   */
  create(
    request: StoredRequestInput,
    limits?: RequestLimit[],
  ): Promise<ChangeRequest>;
  /** The ids of the open requests that count against the limit at `now`. */
  openUnder(limit: RequestLimit, now: string): Promise<string[]>;
  recordRefusal(refusal: PolicyRefusal): Promise<void>;
  get(id: string): Promise<ChangeRequest | undefined>;
  getMany(ids: string[]): Promise<ChangeRequest[]>;
  audit(id: string): Promise<AuditEntry[]>;
  /**
   * Newest first. `criteria`: only the requests that match a permission
   * decision's conditions (see matchesCriteria).
   */
  list(filter: {
    requestedBy?: string;
    /** Naming this entity (a lower-case full ref) as a target. */
    target?: string;
    /** Filed at or before this ISO time. */
    requestedBefore?: string;
    criteria?: PermissionCriteria<OpsRequestQuery>;
    limit?: number;
  }): Promise<ChangeRequest[]>;
  /**
   * Records approvals for the given disciplines; completes the request when
   * none is missing. Refused once the request's expiry has passed at `at`.
   */
  approve(input: {
    id: string;
    disciplines: ApprovingRole[];
    actor: string;
    at: string;
    comment?: string;
  }): Promise<{ request: ChangeRequest; completed: boolean }>;
  transition(input: TransitionInput): Promise<ChangeRequest>;
  /** Every ownership re-certification, newest first. */
  recertifications(): Promise<ChangeRequest[]>;
  /** Pending, approved (not yet applied), applied or post-review requests whose expiry has passed. */
  dueForExpiry(now: string): Promise<ChangeRequest[]>;
  /**
   * Approved requests due to be applied: planned for now or earlier, approved
   * just now, or claimed by a replica whose claim ran out (it died mid-merge).
   */
  dueForApply(now: string): Promise<ChangeRequest[]>;
  /**
   * Takes the apply of a due request for this replica until `until`: true for
   * exactly one caller, and never for a request past its expiry. If it never
   * finishes, the request is due again then.
   */
  claimApply(id: string, now: string, until: string): Promise<boolean>;
  /** Nothing more to try (merged elsewhere, refused or failed): no longer due. */
  releaseApply(id: string): Promise<void>;
  /** Break-glass grants in post-review whose review is overdue. */
  dueForReview(now: string): Promise<ChangeRequest[]>;
  /** Applied grants older than `appliedBefore` whose owners were not asked to re-certify since. */
  dueForRecertification(appliedBefore: string): Promise<ChangeRequest[]>;
  markRecertificationRequested(
    id: string,
    actor: string,
    at: string,
  ): Promise<void>;
  /** An audit entry that changes no state (an apply that failed, an external merge). */
  note(entry: {
    id: string;
    actor: string;
    action: string;
    at: string;
    reason?: string;
  }): Promise<void>;
}
