const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** "overdue by 51 d", "due in 3 d", "due in 5 h": the SLA clock in words, for a glance. */
export function dueWords(dueAt: string, now: Date): string {
  const ms = Date.parse(dueAt) - now.getTime();
  const abs = Math.abs(ms);
  const size =
    abs >= 2 * DAY
      ? `${Math.floor(abs / DAY)} d`
      : `${Math.max(1, Math.floor(abs / HOUR))} h`;
  return ms <= 0 ? `overdue by ${size}` : `due in ${size}`;
}
