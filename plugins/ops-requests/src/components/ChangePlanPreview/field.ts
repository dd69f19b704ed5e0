import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { ChangePlanPreview } from './ChangePlanPreview';

/** `ui:field: ChangePlanPreview` for the new frontend system's scaffolder. */
export const changePlanPreviewField = createFormField({
  name: 'ChangePlanPreview',
  component: ChangePlanPreview,
});
