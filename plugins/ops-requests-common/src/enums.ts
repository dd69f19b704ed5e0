/**
 * What a self-service request can ask for (the policy judges all three).
 *
 * @public
 */
export const REQUEST_KINDS = [
  'network-access',
  'new-service',
  'security-controls',
  /** Accepting a security finding's risk until a date: the only way to silence a finding. */
  'risk-acceptance',
  /** Filed by the backend: a namespace's default-deny + DNS egress baseline, reviewed on its own. */
  'namespace-baseline',
  /** Filed by the backend: an owning team confirms it still owns what the catalog says, or hands it over. */
  'ownership-recertification',
] as const;
/**
 * What a request asks for.
 *
 * @public
 */
export type RequestKind = (typeof REQUEST_KINDS)[number];

/**
 * The kinds the change policy judges (a re-certification changes nothing).
 *
 * @public
 */
export const POLICY_KINDS = [
  'network-access',
  'new-service',
  'security-controls',
  'risk-acceptance',
  'namespace-baseline',
] as const satisfies readonly RequestKind[];
/**
 * A kind of request the change policy judges.
 *
 * @public
 */
export type PolicyKind = (typeof POLICY_KINDS)[number];

/**
 * The kinds filed as change requests (a new service is created directly).
 *
 * @public
 */
export const CHANGE_INTENT_KINDS = [
  'network-access',
  'security-controls',
  'risk-acceptance',
] as const satisfies readonly RequestKind[];

/**
 * The life of a change request.
 *
 * @public
 */
export const REQUEST_STATES = [
  'pending',
  'approved',
  'rejected',
  'expired',
  'applied',
  /** Break-glass access applied at once; the owning teams confirm or revoke it. */
  'post-review',
  'revoked',
  /** A re-certification the owning team passed to another team (which accepts or refuses). */
  'handed-over',
] as const;
/**
 * Where a change request is in its life.
 *
 * @public
 */
export type RequestState = (typeof REQUEST_STATES)[number];

/**
 * States in which the owning teams still have to decide: approve before, or confirm after (break-glass).
 *
 * @public
 */
export const DECIDABLE_STATES = [
  'pending',
  'post-review',
] as const satisfies readonly RequestState[];

/**
 * Whether the owning teams still have to decide a request in this state.
 *
 * @public
 */
export const isDecidable = (state: string): boolean =>
  (DECIDABLE_STATES as readonly string[]).includes(state);
