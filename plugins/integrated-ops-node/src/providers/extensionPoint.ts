import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { AlertForwarder, OnCallProvider, Pager } from './OnCallProvider';

/**
 * Where backend modules add on-call providers to the integrated-ops lookup.
 *
 * @public
 */
export interface OnCallProvidersExtensionPoint {
  /** Vendors the lookup asks who is on call (PagerDuty, Opsgenie). */
  addProvider(...providers: OnCallProvider[]): void;
  /** Vendors that page on alerts the lookup routes (PagerDuty Events API). */
  addAlertForwarder(...forwarders: AlertForwarder[]): void;
  /** Vendors a person may page a team through from a lookup answer; the first whose team points at it pages. */
  addPager(...pagers: Pager[]): void;
}

/**
 * The integrated-ops lookup's on-call providers (YAML rotations are built in).
 *
 * @public
 */
export const onCallProvidersExtensionPoint =
  createExtensionPoint<OnCallProvidersExtensionPoint>({
    id: 'integrated-ops.on-call-providers',
  });
