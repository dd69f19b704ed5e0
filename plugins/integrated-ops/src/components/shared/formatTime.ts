const formatter = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/** "Mon 2 Mar, 14:00" in the viewer's locale and time zone. */
export function formatShiftTime(iso: string): string {
  return formatter.format(new Date(iso));
}

/** "12 s", "4 min", "2 h": how old the index is. */
export function formatAge(seconds: number | undefined): string {
  if (seconds === undefined) return 'unknown';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}
