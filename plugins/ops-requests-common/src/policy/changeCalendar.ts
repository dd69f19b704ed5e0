import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';

const instant = z.iso.datetime({ offset: true });

/** Where a freeze applies: everything, or entities in these domains, systems or zones. */
const freezeScope = z
  .object({
    all: z.boolean().optional(),
    domains: z.array(z.string()).optional(),
    systems: z.array(z.string()).optional(),
    zones: z.array(z.string()).optional(),
  })
  .strict();

/**
 * A change freeze: fixed dates (`from`, `to`), or every month from
 * `fromDay` (negative: counted from the month's end, -2 = the last two days)
 * to `toDay` of the next month, in `timeZone`.
 *
 * @public
 */
export const freezeSchema = z
  .object({
    name: z.string().min(1),
    scope: freezeScope,
    from: instant.optional(),
    to: instant.optional(),
    monthly: z
      .object({
        fromDay: z.number().int().min(-28).max(28),
        /** Day of the following month the freeze ends on (exclusive), 1..28. */
        toDay: z.number().int().min(1).max(28),
      })
      .strict()
      .optional(),
    timeZone: z.string().default('UTC'),
    /**
     * `refuse` (default): no change while it is in force. `change-advisory`:
     * allowed with the change advisory board's approval as well.
     */
    allow: z.enum(['refuse', 'change-advisory']).default('refuse'),
  })
  .strict()
  .refine(f => (f.from && f.to) !== undefined || f.monthly, {
    message: 'a freeze needs from and to, or monthly',
  })
  .refine(f => IANAZone.isValidZone(f.timeZone), {
    path: ['timeZone'],
    message: 'unknown time zone',
  });

/**
 * A change freeze of the calendar, as parsed.
 *
 * @public
 */
export type Freeze = z.infer<typeof freezeSchema>;

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/**
 * A maintenance window: every week on `days` from `from` (local time in
 * `timeZone`) for `durationMinutes`. A planned production change to an
 * entity in its scope must apply inside one.
 *
 * @public
 */
export const maintenanceWindowSchema = z
  .object({
    name: z.string().min(1),
    scope: freezeScope,
    weekly: z
      .object({
        days: z.array(z.enum(WEEKDAYS)).min(1),
        from: z.string().regex(/^\d{2}:\d{2}$/, 'a local time like 22:00'),
        durationMinutes: z
          .number()
          .int()
          .min(15)
          .max(24 * 60),
      })
      .strict(),
    timeZone: z.string().default('UTC'),
  })
  .strict()
  .refine(w => IANAZone.isValidZone(w.timeZone), {
    path: ['timeZone'],
    message: 'unknown time zone',
  });

/**
 * A weekly maintenance window of the calendar, as parsed.
 *
 * @public
 */
export type MaintenanceWindow = z.infer<typeof maintenanceWindowSchema>;

/**
 * The change calendar of the policy: freezes, maintenance windows, the blast
 * radius checked and the change advisory board.
 *
 * @public
 */
export const changeCalendarSchema = z
  .object({
    /** Dependents of the target this many hops away are checked too. */
    blastRadiusDepth: z.number().int().min(0).max(6),
    freezes: z.array(freezeSchema),
    maintenanceWindows: z.array(maintenanceWindowSchema).default([]),
    /** The group that approves changes in freezes that allow it. */
    changeAdvisory: z
      .object({ group: z.string().min(1) })
      .strict()
      .optional(),
  })
  .strict()
  .refine(
    c =>
      c.changeAdvisory || !c.freezes.some(f => f.allow === 'change-advisory'),
    {
      path: ['changeAdvisory'],
      message:
        'a freeze allows change-advisory approval but no changeAdvisory.group is named',
    },
  );

/**
 * The change calendar of the policy, as parsed.
 *
 * @public
 */
export type ChangeCalendar = z.infer<typeof changeCalendarSchema>;

/**
 * One occurrence of a freeze, ISO instants (UTC).
 *
 * @public
 */
export interface FreezeOccurrence {
  /** The name of the freeze or maintenance window. */
  freeze: string;
  /** When this occurrence starts (ISO instant, UTC). */
  start: string;
  /** When it ends (ISO instant, UTC, exclusive). */
  end: string;
}

/**
 * The occurrences of a freeze that overlap [from, to].
 *
 * @public
 */
export function freezeOccurrences(
  freeze: Freeze,
  from: Date,
  to: Date,
): FreezeOccurrence[] {
  const out: FreezeOccurrence[] = [];
  const push = (start: DateTime, end: DateTime) => {
    if (start.toMillis() <= to.getTime() && end.toMillis() > from.getTime()) {
      out.push({
        freeze: freeze.name,
        start: start.toUTC().toISO()!,
        end: end.toUTC().toISO()!,
      });
    }
  };
  if (freeze.from && freeze.to) {
    push(DateTime.fromISO(freeze.from), DateTime.fromISO(freeze.to));
  }
  if (freeze.monthly) {
    const { fromDay, toDay } = freeze.monthly;
    let month = DateTime.fromJSDate(from, { zone: freeze.timeZone })
      .startOf('month')
      .minus({ months: 1 });
    while (month.toMillis() <= to.getTime()) {
      const start =
        fromDay < 0
          ? month
              .endOf('month')
              .startOf('day')
              .plus({ days: fromDay + 1 })
          : month.set({ day: fromDay });
      const end = month.plus({ months: 1 }).set({ day: toDay });
      push(start, end);
      month = month.plus({ months: 1 });
    }
  }
  return out;
}

/**
 * The occurrences of a weekly maintenance window that overlap [from, to].
 *
 * @public
 */
export function maintenanceOccurrences(
  window: MaintenanceWindow,
  from: Date,
  to: Date,
): FreezeOccurrence[] {
  const out: FreezeOccurrence[] = [];
  const [hour, minute] = window.weekly.from.split(':').map(Number);
  let day = DateTime.fromJSDate(from, { zone: window.timeZone })
    .startOf('day')
    .minus({ days: 1 });
  while (day.toMillis() <= to.getTime()) {
    if (window.weekly.days.includes(WEEKDAYS[day.weekday - 1])) {
      const start = day.set({ hour, minute });
      const end = start.plus({ minutes: window.weekly.durationMinutes });
      if (start.toMillis() <= to.getTime() && end.toMillis() > from.getTime()) {
        out.push({
          freeze: window.name,
          start: start.toUTC().toISO()!,
          end: end.toUTC().toISO()!,
        });
      }
    }
    day = day.plus({ days: 1 });
  }
  return out;
}

/**
 * An entity the change touches (the target, or a dependent `hop` hops away), as a freeze scope sees it.
 *
 * @public
 */
export interface ChangeScopeEntity {
  /** The entity's full ref, lower-cased. */
  entityRef: string;
  /** How many dependency hops from the target: 0 for the target itself. */
  hop: number;
  /** The neighbour one hop closer to the target. */
  via?: string;
  /** Full ref of its System, lower-cased; absent when it has none. */
  system?: string;
  /** Full ref of its Domain (its own, or its System's), lower-cased; absent when none. */
  domain?: string;
  /** Its network zone, declared or read from its segment; absent when neither says. */
  zone?: string;
}

/**
 * Whether a freeze's (or maintenance window's) scope covers the entity.
 *
 * @public
 */
export function inScope(
  freeze: Pick<Freeze, 'scope'>,
  entity: ChangeScopeEntity,
): boolean {
  const { scope } = freeze;
  const has = (list: string[] | undefined, value: string | undefined) =>
    !!value && !!list?.some(v => v.toLocaleLowerCase('en-US') === value);
  return (
    !!scope.all ||
    has(scope.domains, entity.domain) ||
    has(scope.systems, entity.system) ||
    has(scope.zones, entity.zone)
  );
}
