/** Times for people: in a named zone and marked with it. Runs in the browser and in Node. */
const VIEWER_ZONE = new Intl.DateTimeFormat().resolvedOptions().timeZone;

const dayAndTime = (timeZone: string) =>
  new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  });

const timeOnly = (timeZone: string, marked = true) =>
  new Intl.DateTimeFormat(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: marked ? 'short' : undefined,
  });

/**
 * A handover time in the viewer's zone, marked, and in the rotation's when
 * the clock there reads differently: "Mon 7 Dec, 07:00 UTC (08:00 CET
 * rotation time)". One clock on the screen: the viewer's.
 *
 * @public
 */
export function formatShiftTime(
  iso: string,
  rotationZone: string,
  viewerZone: string = VIEWER_ZONE,
): string {
  const at = new Date(iso);
  const mine = dayAndTime(viewerZone).format(at);
  // The same wall-clock time (GMT and UTC, say) is said once.
  const sameClock =
    timeOnly(rotationZone, false).format(at) ===
    timeOnly(viewerZone, false).format(at);
  return sameClock
    ? mine
    : `${mine} (${timeOnly(rotationZone).format(at)} rotation time)`;
}

/**
 * How long until an instant, for people: "45 min", "9 h", "3 days";
 * undefined once it has passed.
 *
 * @public
 */
export function formatTimeLeft(
  iso: string,
  now: Date = new Date(),
): string | undefined {
  const minutes = Math.round((Date.parse(iso) - now.getTime()) / 60_000);
  if (minutes <= 0) return undefined;
  if (minutes < 90) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}

/**
 * "Mon 7 Dec, 07:00 UTC": an instant that belongs to no rotation, in the viewer's zone, marked.
 *
 * @public
 */
export function formatInstant(iso: string, viewerZone: string = VIEWER_ZONE) {
  return dayAndTime(viewerZone).format(new Date(iso));
}

/**
 * "2 Nov 2026": a day in the viewer's zone (owner since, history start).
 *
 * @public
 */
export function formatDay(iso: string, viewerZone: string = VIEWER_ZONE) {
  return new Intl.DateTimeFormat(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: viewerZone,
  }).format(new Date(iso));
}

/**
 * "12 s", "4 min", "2 h": how old the index is.
 *
 * @public
 */
export function formatAge(seconds: number | undefined): string {
  if (seconds === undefined) return 'unknown';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}
