import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { OpsEntityPicker } from './OpsEntityPicker';

/** `ui:field: OpsEntityPicker` for the new frontend system's scaffolder. */
export const opsEntityPickerField = createFormField({
  name: 'OpsEntityPicker',
  component: OpsEntityPicker,
});
