import type { components } from './schema/openapi/generated/types';

/* Wire types of the governance KPIs (GET /kpis of the ops-requests backend), derived from openapi.yaml. */

/**
 * Minutes from filing to an approval, over the approvals given in the period.
 *
 * @public
 */
export type ApprovalTimes = components['schemas']['ApprovalTimes'];

/**
 * How long a pending request has waited.
 *
 * @public
 */
export type PendingAgeBucket = GovernanceKpis['pendingByAge'][number]['bucket'];

/**
 * `GET /kpis`: a scope's governance KPIs over a period: time to approve,
 * pending requests by age, refusals, break-glass use, grants, ownership
 * re-certification and lookups without an owner.
 *
 * @public
 */
export type GovernanceKpis = components['schemas']['GovernanceKpis'];
