import { DateTime, Duration } from 'luxon';
import { Rotation } from './declarations/opsTeam';

/**
 * Who is on call on a rotation at an instant, until when, and who is next.
 *
 * @public
 */
export interface OnCallShift {
  /** The rotation's name, as declared in the team's spec.opsTeam. */
  rotation: string;
  /** User ref on call at the instant asked; undefined before the rotation starts. */
  member?: string;
  /** Who takes over at `until`. */
  next: string;
  /** ISO instants (UTC) of the current shift; `from` absent before the start. */
  from?: string;
  /** ISO instant (UTC) the current shift ends, or the rotation starts. */
  until: string;
}

const scaled = (period: Duration, n: number) => period.mapUnits(v => v * n);

/**
 * Who is on call for a rotation at a given instant. Shifts are counted in the
 * rotation's time zone, so a weekly 09:00 handoff stays at 09:00 local time
 * across daylight-saving changes; hour-based periods are absolute.
 *
 * @public
 */
export function onCallAt(rotation: Rotation, at: Date): OnCallShift {
  const start = DateTime.fromISO(rotation.start, { zone: rotation.timeZone });
  const period = Duration.fromISO(rotation.period);
  const now = DateTime.fromJSDate(at, { zone: rotation.timeZone });
  const members = rotation.members;

  if (now < start) {
    return {
      rotation: rotation.name,
      next: members[0],
      until: start.toUTC().toISO()!,
    };
  }

  // Estimate from the average length, then correct against calendar arithmetic.
  let n = Math.floor(
    now.diff(start).as('milliseconds') / period.as('milliseconds'),
  );
  while (start.plus(scaled(period, n)) > now) n--;
  while (start.plus(scaled(period, n + 1)) <= now) n++;

  return {
    rotation: rotation.name,
    member: members[n % members.length],
    next: members[(n + 1) % members.length],
    from: start.plus(scaled(period, n)).toUTC().toISO()!,
    until: start
      .plus(scaled(period, n + 1))
      .toUTC()
      .toISO()!,
  };
}
