import { DisciplineAnswer } from '@internal/plugin-integrated-ops-common';
import Chip from '@material-ui/core/Chip';

/** Where an owner came from: declared here, inherited, the spec.owner fallback, or missing. */
export function describeSource(answer: DisciplineAnswer): {
  label: string;
  help: string;
} {
  switch (answer.source) {
    case 'declared':
      return {
        label: 'declared',
        help: 'Declared in spec.opsOwners of this entity',
      };
    case 'inherited':
      return {
        label: 'inherited',
        help: `Not set here; taken from ${
          answer.declaredOn ?? 'its System or Domain'
        }`,
      };
    case 'fallback':
      return {
        label: 'fallback: spec.owner',
        help: 'No ops owner declared or inherited; using spec.owner',
      };
    default:
      return {
        label: 'missing',
        help: 'No owner declared, inherited or in spec.owner',
      };
  }
}

export function OwnerSourceChip(props: { answer: DisciplineAnswer }) {
  const { label, help } = describeSource(props.answer);
  const color = props.answer.source === 'declared' ? 'primary' : 'default';
  return (
    <Chip
      size="small"
      title={help}
      variant={props.answer.source === 'declared' ? 'default' : 'outlined'}
      color={color}
      label={label}
    />
  );
}
