export { opsRequestsApiRef } from './OpsRequestsApi';
export type { OpsRequestsApi } from './OpsRequestsApi';
export { OpsRequestsClient } from './OpsRequestsClient';
