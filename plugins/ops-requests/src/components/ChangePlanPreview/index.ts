export { ChangePlanPreview } from './ChangePlanPreview';
export type { ChangePlanPreviewOptions } from './ChangePlanPreview';
