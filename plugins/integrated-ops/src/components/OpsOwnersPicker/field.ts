import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { OpsOwnersPicker } from './OpsOwnersPicker';

/** `ui:field: OpsOwnersPicker` for the new frontend system's scaffolder. */
export const opsOwnersPickerField = createFormField({
  name: 'OpsOwnersPicker',
  component: OpsOwnersPicker,
});
