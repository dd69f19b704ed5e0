export { integratedOpsApiRef } from './IntegratedOpsApi';
export type { IntegratedOpsApi } from './IntegratedOpsApi';
export { IntegratedOpsClient } from './IntegratedOpsClient';
