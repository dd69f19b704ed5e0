/** Wire types of the ownership drift the coverage report lists (GET /coverage). */

export type TeamDriftKind =
  /** Entities name an owner group that is not in the catalog (any more). */
  | 'owner-deleted'
  /** An ops team without members. */
  | 'no-members'
  /** An ops team without a lead, or whose lead is not in the catalog any more. */
  | 'no-lead'
  /** Rotation members (YAML) that are not catalog users any more. */
  | 'rotation-member-gone'
  /** People a vendor schedule has on call who are no catalog user. */
  | 'vendor-person-unknown'
  /** The team has not confirmed what it owns within the policy's period (ownership re-certification). */
  | 'ownership-unconfirmed'
  /** Another team accepted a hand-over, but the catalog still names this one. */
  | 'handover-not-in-catalog';

export interface TeamDrift {
  /** The team's full ref. */
  team: string;
  kind: TeamDriftKind;
  message: string;
  /** The people concerned (refs, or vendor emails). */
  people?: string[];
  /** The entities concerned (up to 20; for re-certification, the declarations) and how many. */
  entities?: string[];
  entityCount?: number;
  /** For owner-deleted: when the history saw the group leave. */
  removedAt?: string;
}
