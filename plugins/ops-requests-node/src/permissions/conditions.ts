import { createConditionExports } from '@backstage/plugin-permission-node';
import { opsRequestResourceRef } from './requestResource';
import { isPendingApprover, isRequester } from './requestRules';

const exported = createConditionExports({
  resourceRef: opsRequestResourceRef,
  rules: { isPendingApprover, isRequester },
});

/**
 * Conditions a permission policy can put on `ops-requests.request.decide`.
 *
 * @public
 */
export const opsRequestConditions = exported.conditions;

/**
 * Conditional decision for a change-request permission, for permission policies.
 *
 * @public
 */
export const createOpsRequestConditionalDecision =
  exported.createConditionalDecision;
