import { Text } from '@backstage/ui';
import {
  formatShiftTime,
  TeamOnCall,
} from '@integrated-ops/plugin-integrated-ops-common';

/** The next shifts (up to 3) of each YAML rotation, in the viewer's zone with the rotation's when it differs. */
export function UpcomingShiftsList(props: {
  upcoming: TeamOnCall['upcoming'];
}) {
  return (
    <>
      {props.upcoming
        ?.filter(u => u.shifts.length)
        .map(u => (
          <section key={u.rotation} aria-label={`Next shifts (${u.rotation})`}>
            <Text as="h4" variant="body-small" weight="bold">
              Next shifts ({u.rotation})
            </Text>
            <ol style={{ margin: 0, paddingLeft: 20 }}>
              {u.shifts.map(shift => (
                <li key={shift.from}>
                  <Text as="span" variant="body-small">
                    {shift.person.name} from{' '}
                    {formatShiftTime(shift.from, u.timeZone)}
                  </Text>
                </li>
              ))}
            </ol>
          </section>
        ))}
    </>
  );
}
