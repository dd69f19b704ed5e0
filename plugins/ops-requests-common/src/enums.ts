/** What a self-service request can ask for (the policy judges all three). */
export const REQUEST_KINDS = [
  'network-access',
  'new-service',
  'security-controls',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** The kinds filed as change requests (a new service is created directly). */
export const CHANGE_INTENT_KINDS = [
  'network-access',
  'security-controls',
] as const satisfies readonly RequestKind[];

/** The life of a change request. */
export const REQUEST_STATES = [
  'pending',
  'approved',
  'rejected',
  'expired',
  'applied',
  'revoked',
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];
