import { DateTime } from 'luxon';
import { z } from 'zod';
import { Severity } from './types';

const days = z.number().positive().max(3650);

/**
 * The SLA policy as config (the change policy) gives it, defaults filled:
 * days allowed per severity (`info` null: no clock), a factor per data class
 * that shortens them (`pci: 0.5` halves; the smallest factor of a component's
 * classes applies, factors never compound), and the fraction of the allowed
 * time, counted back from the due date, that is "due soon", and whom a
 * breach escalates to when still open some hours past its due date.
 *
 * @public
 */
export const slaPolicySchema = z.strictObject({
  days: z
    .strictObject({
      critical: days.default(7),
      high: days.default(30),
      medium: days.default(90),
      low: days.default(180),
      info: days.nullable().default(null),
    })
    .default({ critical: 7, high: 30, medium: 90, low: 180, info: null }),
  dataClassFactors: z
    .record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/), z.number().gt(0).lte(1))
    .default({ pci: 0.5 }),
  dueSoonFraction: z.number().gt(0).lt(1).default(0.25),
  /**
   * Who hears of a breach still open `escalateAfterHours` after its due
   * date (a SOC tier's group ref); none: no escalation.
   */
  escalateTo: z
    .string()
    .regex(/^group:[^\s]+$/i, 'a group ref such as group:default/soc-tier2')
    .optional(),
  escalateAfterHours: z
    .number()
    .min(0)
    .max(24 * 365)
    .default(24),
});

/**
 * The SLA policy once read (see {@link slaPolicySchema}).
 *
 * @public
 */
export type SlaPolicy = z.output<typeof slaPolicySchema>;

/**
 * The defaults: critical 7 days, high 30, medium 90, low 180, info none; PCI halves; due soon in the last quarter.
 *
 * @public
 */
export const DEFAULT_SLA_POLICY: SlaPolicy = slaPolicySchema.parse({});

/**
 * A finding's SLA clock.
 *
 * @public
 */
export interface SlaDue {
  /** ISO 8601 instant in UTC; null when the severity has no clock. */
  dueAt: string | null;
  /** Whole minutes allowed from first seen (days × factor, rounded down); null without a clock. */
  allowedMinutes: number | null;
  /** The factor applied (1 when no data class shortens it). */
  factor: number;
  /** The data class whose factor applied, if any. */
  dataClass?: string;
}

/**
 * Where a finding stands against its SLA at an instant.
 *
 * @public
 */
export type SlaState = 'within' | 'due-soon' | 'breached' | 'none';

function toInstant(value: string | Date, what: string): DateTime {
  if (value instanceof Date) {
    const parsed = DateTime.fromJSDate(value, { zone: 'utc' });
    if (!parsed.isValid) throw new RangeError(`${what} is an invalid Date`);
    return parsed;
  }
  // A time and its zone: in `2026-10-01` the `-01` is no offset.
  if (!/T[\d:.,]+(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$/.test(value)) {
    throw new RangeError(
      `${what} "${value}" must name its zone (Z or an offset)`,
    );
  }
  const parsed = DateTime.fromISO(value, { setZone: true });
  if (!parsed.isValid) {
    throw new RangeError(`${what} "${value}" is not an ISO 8601 instant`);
  }
  return parsed.toUTC();
}

/**
 * The due date of a finding: first seen + the days its severity allows,
 * shortened by the component's data classes. Days are 24-hour days counted
 * on the UTC time line, so a daylight-saving change in any zone neither
 * adds nor removes an hour of the allowed time (shown in such a zone, the
 * due date's wall-clock hour moves by one across the change, on purpose).
 * Throws RangeError for a timestamp without a zone.
 *
 * @public
 */
export function computeDueDate(
  firstSeen: string | Date,
  severity: Severity,
  dataClasses: readonly string[] = [],
  policy: SlaPolicy = DEFAULT_SLA_POLICY,
): SlaDue {
  const start = toInstant(firstSeen, 'firstSeen');
  let factor = 1;
  let dataClass: string | undefined;
  for (const cls of dataClasses) {
    const f = policy.dataClassFactors[cls.trim().toLowerCase()];
    if (f !== undefined && f < factor) {
      factor = f;
      dataClass = cls.trim().toLowerCase();
    }
  }
  const allowedDays = policy.days[severity];
  if (allowedDays === null) {
    return {
      dueAt: null,
      allowedMinutes: null,
      factor,
      ...(dataClass ? { dataClass } : {}),
    };
  }
  const allowedMinutes = Math.floor(allowedDays * factor * 24 * 60);
  return {
    dueAt: start.plus({ minutes: allowedMinutes }).toISO()!,
    allowedMinutes,
    factor,
    ...(dataClass ? { dataClass } : {}),
  };
}

/**
 * The SLA state of a finding at an instant: `breached` from the due date on,
 * `due-soon` in the last `dueSoonFraction` of the policy of the allowed
 * time, `within` before that, `none` without a clock.
 *
 * @public
 */
export function slaStateAt(
  due: SlaDue,
  at: string | Date,
  policy: SlaPolicy = DEFAULT_SLA_POLICY,
): SlaState {
  if (due.dueAt === null || due.allowedMinutes === null) return 'none';
  const now = toInstant(at, 'at').toMillis();
  const dueMs = toInstant(due.dueAt, 'dueAt').toMillis();
  if (now >= dueMs) return 'breached';
  const windowMs = due.allowedMinutes * 60_000 * policy.dueSoonFraction;
  return dueMs - now <= windowMs ? 'due-soon' : 'within';
}

/**
 * A due date as the wall clock of an IANA zone shows it (ISO 8601 with the
 * zone's offset at that instant), for people; the instant is unchanged.
 *
 * @public
 */
export function dueDateInZone(dueAt: string, zone: string): string {
  const shown = toInstant(dueAt, 'dueAt').setZone(zone);
  if (!shown.isValid)
    throw new RangeError(`"${zone}" is not a known time zone`);
  return shown.toISO()!;
}
