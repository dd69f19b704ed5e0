/** Wire types of the governance KPIs (GET /kpis of the ops-requests backend). */

/** Minutes from filing to an approval, over the approvals given in the period. */
export interface ApprovalTimes {
  /** The discipline, or the approving team's ref. */
  key: string;
  approvals: number;
  p50Minutes: number;
  p90Minutes: number;
}

export type PendingAgeBucket =
  | 'under 1 day'
  | '1-3 days'
  | '3-7 days'
  | 'over 7 days';

export interface GovernanceKpis {
  /** A team's or a system's page, or the whole portal. */
  scope: { team?: string; system?: string };
  /** The period (ISO instants): requests filed, refusals and decisions in it. */
  from: string;
  to: string;
  generatedAt: string;
  timeToApprove: { byDiscipline: ApprovalTimes[]; byTeam: ApprovalTimes[] };
  /** Requests waiting for approval now, by how long they have waited. */
  pendingByAge: { bucket: PendingAgeBucket; count: number }[];
  /** Filings the policy refused, per failed rule; and requests approvers rejected. */
  refusals: {
    byRule: { rule: string; count: number }[];
    rejectedByApprovers: number;
  };
  /** Break-glass access opened in the period, and how its review ended. */
  breakGlass: {
    uses: number;
    confirmed: number;
    revokedByOwners: number;
    revokedUnreviewed: number;
    awaitingReview: number;
  };
  /** Requests that expired unapplied, and grants revoked (at expiry or by their owners). */
  grants: { expired: number; revoked: number };
  /** Ownership re-certification now: declarations confirmed within the policy's period. */
  recertification: {
    declarations: number;
    confirmed: number;
    percent: number;
    byTeam: {
      team: string;
      declarations: number;
      confirmed: number;
      percent: number;
    }[];
  };
  /** Portal-wide (they name no team): lookups that matched nothing, or an entity some discipline no ops team owns. */
  lookupsWithoutOwner: {
    noMatch: number;
    noOwner: number;
    unavailable?: string;
  };
}
