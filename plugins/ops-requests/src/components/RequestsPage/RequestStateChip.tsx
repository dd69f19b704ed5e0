import { Badge } from '@backstage/ui';
import { RequestState } from '@integrated-ops/plugin-ops-requests-common';

/** A request's state, as a badge. */
export function RequestStateChip(props: { state: RequestState }) {
  return <Badge size="small">{props.state}</Badge>;
}
