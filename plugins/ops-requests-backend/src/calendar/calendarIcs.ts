import { CalendarEntry } from '@integrated-ops/plugin-ops-requests-common';
import ical, { ICalEventData } from 'ical-generator';

const HALF_HOUR_MS = 30 * 60_000;

/**
 * The change calendar as iCalendar (RFC 5545): a freeze spans its window,
 * anything else is a half-hour event at its time. UIDs are stable, so a
 * calendar that imports the feed again updates its events.
 */
export function calendarIcs(
  entries: CalendarEntry[],
  portalUrl: string,
): string {
  const calendar = ical({
    name: 'Integrated Ops change calendar',
    prodId: '//integrated-ops//change-calendar//EN',
  });
  for (const entry of entries) {
    const start = new Date(entry.start);
    const event: ICalEventData = {
      id: `${entry.kind}-${entry.requestId ?? entry.title}-${
        entry.start
      }@integrated-ops`,
      start,
      end: entry.end
        ? new Date(entry.end)
        : new Date(start.getTime() + HALF_HOUR_MS),
      summary: entry.title,
      description: [
        entry.teams.length ? `Teams: ${entry.teams.join(', ')}` : '',
        entry.targets.length ? `Concerns: ${entry.targets.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
      url: entry.requestId
        ? `${portalUrl}/ops-requests/${entry.requestId}`
        : undefined,
      categories: [{ name: entry.kind }],
    };
    calendar.createEvent(event);
  }
  return calendar.toString();
}
