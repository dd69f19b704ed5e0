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
});

/** One namespace baseline waiting for review per namespace. */
export const namespaceBaselineLimit = (namespace: string): RequestLimit => ({
  scope: `namespace-baseline:${namespace}`,
  max: 1,
  openStates: ['pending', 'approved'],
});

/** One risk acceptance at a time per finding: pending, approved or holding. */
export const riskAcceptanceLimit = (
  component: string,
  finding: string,
): RequestLimit => ({
  scope: `risk-acceptance:${component}:${finding}`,
  max: 1,
  openStates: ['pending', 'approved', 'applied'],
});
