import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { OnCallNow } from '@internal/plugin-integrated-ops-common';
import Typography from '@material-ui/core/Typography';
import { formatShiftTime } from './formatTime';

/** Who is on call now on each rotation, until when, and who is next. */
export function OnCallList(props: { onCall: OnCallNow[] }) {
  if (!props.onCall.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        No on-call rotation
      </Typography>
    );
  }
  return (
    <>
      {props.onCall.map(shift => (
        <div key={shift.rotation}>
          <Typography variant="body2" component="div">
            <strong>On call</strong> ({shift.rotation}):{' '}
            {shift.person ? (
              <EntityRefLink entityRef={shift.person.ref}>
                {shift.person.name}
              </EntityRefLink>
            ) : (
              <em>nobody (gap in rotation)</em>
            )}
          </Typography>
          <Typography variant="caption" color="textSecondary" component="div">
            until {formatShiftTime(shift.until)}, then {shift.next.name}
          </Typography>
        </div>
      ))}
    </>
  );
}
