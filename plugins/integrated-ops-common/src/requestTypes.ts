import { Discipline } from './disciplines';
import { RuleResult } from './policy/changeRequest';

/** Wire types of the integrated-ops backend's change-request API. */

export type RequestState =
  | 'pending'
  | 'approved'
  | 'rejected'
  | 'expired'
  | 'applied'
  | 'revoked';

export type RequestKind =
  | 'network-access'
  | 'new-service'
  | 'security-controls';

/** The reviewed change a request delivers. */
export interface RequestChange {
  provider: 'local' | 'github' | 'gitlab';
  /** Local repository name, or owner/repo. */
  repository: string;
  branch: string;
  commit: string;
  /** The pull / merge request, or the local repository path. */
  url: string;
  /** The files of the change, path -> content (the diff of a change that adds them). */
  files: Record<string, string>;
}

export interface NewChangeRequest {
  kind: RequestKind;
  title: string;
  description: string;
  /** Entity refs the request is about; the first is the one whose owners approve. */
  targets: string[];
  change: RequestChange;
  policy: { version: string; results: RuleResult[] };
  requiredApprovals: Discipline[];
  /** When granted access ends (ISO date or date-time). */
  expiresAt?: string;
}

export interface Approval {
  discipline: Discipline;
  decidedBy: string;
  decidedAt: string;
  comment?: string;
}

export interface ChangeRequest extends NewChangeRequest {
  id: string;
  state: RequestState;
  requestedBy: string;
  requestedAt: string;
  /** The approving team per required discipline, resolved from typed ownership at request time. */
  approvers: Partial<Record<Discipline, string>>;
  approvals: Approval[];
  decidedAt?: string;
  appliedAt?: string;
  revokedAt?: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  fromState?: RequestState;
  toState?: RequestState;
  reason?: string;
}

export interface ChangeRequestDetail extends ChangeRequest {
  audit: AuditEntry[];
  /** Whether the caller may approve or reject it now. */
  canDecide: boolean;
}
