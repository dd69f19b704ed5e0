import { RequestState } from '@internal/plugin-ops-requests-common';
import Chip from '@material-ui/core/Chip';

const COLORS: Record<RequestState, 'default' | 'primary' | 'secondary'> = {
  pending: 'secondary',
  approved: 'primary',
  applied: 'primary',
  rejected: 'default',
  expired: 'default',
  revoked: 'default',
};

export function RequestStateChip(props: { state: RequestState }) {
  return <Chip size="small" color={COLORS[props.state]} label={props.state} />;
}
