import { DateTime } from 'luxon';

// A calendar date, or a date-time with seconds optional and a zone: four-digit
// years only (no "99999-01-01", no "-1"), as people and templates write them.
const SHAPE =
  /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Parses an ISO 8601 date ("2026-12-31", the start of that day in UTC) or
 * date-time with a zone, strictly: impossible dates such as 2026-02-30 are
 * refused rather than rolled over. Returns the instant as an ISO string in
 * UTC, or undefined when the text is not such a date.
 *
 * @public
 */
export function parseStrictDate(text: string): string | undefined {
  if (!SHAPE.test(text)) return undefined;
  const parsed = DateTime.fromISO(text, { zone: 'utc', setZone: true });
  return parsed.isValid ? parsed.toUTC().toISO() ?? undefined : undefined;
}
