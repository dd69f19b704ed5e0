import { ConflictError } from '@backstage/errors';
import { RequestState } from '@integrated-ops/plugin-ops-requests-common';

/**
 * A counted limit a filing must fit in: at most `max` open requests in
 * `scope`. The store enforces it in the transaction that stores the request.
 */
export interface RequestLimit {
  /** What is counted, e.g. `break-glass:user:default/ana` or `namespace-baseline:fraud`. */
  scope: string;
  max: number;
  /** The states in which a request still counts (and only before its expiry). */
  openStates: RequestState[];
  /** The policy rule a filing past the limit breaks, for the refusal and the audit. */
  rule: string;
  /** Why a filing past the limit is refused, naming the requests that hold it. */
  refusal(holders: string[]): string;
}

/** A filing that would pass its limit: the requests that hold it now. */
export class LimitReachedError extends ConflictError {
  constructor(readonly limit: RequestLimit, readonly holders: string[]) {
    super(
      `${limit.scope}: ${holders.length} open (${holders.join(
        ', ',
      )}), at most ${limit.max}`,
    );
  }
}

/** At most `max` open break-glass grants per person (the policy's maxOpenPerPerson). */
export const breakGlassLimit = (
  requestedBy: string,
  max: number = 1,
): RequestLimit => ({
  scope: `break-glass:${requestedBy}`,
  max,
  openStates: ['pending', 'approved', 'post-review', 'applied'],
  rule: 'break-glass.open-per-person',
  refusal: holders =>
    `you hold ${holders.length} open break-glass ${
      holders.length === 1 ? 'grant' : 'grants'
    } (${holders.join(', ')}); at most ${max} at once`,
});

/** One namespace baseline waiting for review per namespace. */
export const namespaceBaselineLimit = (namespace: string): RequestLimit => ({
  scope: `namespace-baseline:${namespace}`,
  max: 1,
  openStates: ['pending', 'approved'],
  rule: 'namespace-baseline.one-at-a-time',
  refusal: holders =>
    `a baseline for namespace ${namespace} waits for review already (${holders.join(
      ', ',
    )})`,
});

/** One risk acceptance at a time per finding: pending, approved or holding. */
export const riskAcceptanceLimit = (
  component: string,
  finding: string,
): RequestLimit => ({
  scope: `risk-acceptance:${component}:${finding}`,
  max: 1,
  openStates: ['pending', 'approved', 'applied'],
  rule: 'risk-acceptance.one-at-a-time',
  refusal: holders =>
    `this finding's risk is asked for or accepted already by ${holders.join(
      ', ',
    )}`,
});
