import { DisciplineAnswer } from '@integrated-ops/plugin-integrated-ops-common';
import { Badge } from '@backstage/ui';

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
  return (
    <Badge size="small" title={help}>
      {label}
    </Badge>
  );
}
