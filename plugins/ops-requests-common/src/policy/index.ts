export * from './policyDocument';
export type * from './changeRequest';
export { evaluatePolicy, requiredControls } from './evaluatePolicy';
export { parsePorts } from './parsePorts';
export * from './changeCalendar';
export { judgeOwnerTeams } from './ownerDisciplineRule';
export { describeAllowingRule } from './connectivityRule';
export {
  connectivityInvariantSchema,
  invariantViolations,
  isInvariantDestination,
} from './connectivityInvariants';
export type {
  ConnectivityInvariant,
  InvariantEndpoint,
  InvariantFlow,
} from './connectivityInvariants';
export { celRequestRuleSchema } from './celRequestRules';
export type { CelRequestRule } from './celRequestRules';
