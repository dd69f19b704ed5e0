import { noControlCharacters } from '@integrated-ops/plugin-integrated-ops-common';
import { z } from 'zod';

/** A person's comment: reaches the audit trail, notifications and logs. */
const comment = z
  .string()
  .superRefine(noControlCharacters({ multiline: true }))
  .max(2000);
/** Query and bodies of the request routes; a new request's body is a ChangeIntent (-common). */
export const listQuery = z.object({
  view: z.enum(['mine', 'awaiting', 'all']).default('all'),
  /** Only requests naming this entity as a target (a full ref). */
  target: z
    .string()
    .superRefine(noControlCharacters())
    .min(1)
    .max(512)

    .optional(),
  /** Only requests filed at or before this time. */
  before: z.iso.datetime({ offset: true }).optional(),
});

export const approveBody = z.object({
  comment: comment.optional(),
});

export const rejectBody = z.object({
  justification: z
    .string({ error: 'is required: say why the request is rejected' })
    .trim()
    .min(10, 'must say why, in at least 10 characters')
    .max(2000)
    .superRefine(noControlCharacters({ multiline: true })),
});

const ref = z
  .string()
  .superRefine(noControlCharacters())
  .trim()
  .min(1)
  .max(255);
/** The change calendar's range (default the next 30 days, at most a year) and filters. */
export const calendarQuery = z
  .object({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    team: ref.optional(),
    system: ref.optional(),
  })
  .refine(
    q =>
      !q.from ||
      !q.to ||
      (Date.parse(q.to) >= Date.parse(q.from) &&
        Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000),
    { path: ['to'], message: 'must be after from, and at most a year later' },
  );

export const handOverBody = z.object({
  /** The group that takes over, e.g. group:default/netops-dc. */
  to: z.string().superRefine(noControlCharacters()).trim().min(1).max(512),
  comment: comment.optional(),
});

/** A team or system ref in a query (the KPI page's scope). */
const entityParam = z
  .string()
  .superRefine(noControlCharacters())
  .trim()
  .min(1)
  .max(512);

export const kpiQuery = z
  .object({
    /** A team's page (group ref) or a system's (system ref); neither: the whole portal. */
    team: entityParam.optional(),
    system: entityParam.optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .refine(q => !(q.team && q.system), {
    message: 'ask for a team or a system, not both',
  });
