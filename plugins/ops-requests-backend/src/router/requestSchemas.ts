import { noControlCharacters } from '@integrated-ops/plugin-integrated-ops-common';
import { z } from 'zod';

/*
 * What openapi.yaml cannot say about the routes' input, checked after the
 * spec has judged types, lengths, enums and required fields: no control
 * characters, texts judged trimmed, and rules across fields.
 */

const plain = z.string().superRefine(noControlCharacters());
/** A person's comment: reaches the audit trail, notifications and logs. */
const comment = z
  .string()
  .superRefine(noControlCharacters({ multiline: true }));

/** An instant the calendar has (the spec's date-time checks its shape, not e.g. second 60). */
const instant = z.iso.datetime({ offset: true }).optional();

export const listQuery = z.object({
  target: plain.optional(),
  before: instant,
});

export const approveBody = z.object({ comment: comment.optional() });

export const rejectBody = z.object({
  justification: z
    .string()
    .trim()
    .min(10, 'must say why, in at least 10 characters')
    .superRefine(noControlCharacters({ multiline: true })),
});

/** The change calendar's range: from before to, at most a year apart. */
export const calendarQuery = z
  .object({
    from: instant,
    to: instant,
    team: plain.trim().min(1).optional(),
    system: plain.trim().min(1).optional(),
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
  to: plain.trim().min(1),
  comment: comment.optional(),
});

/** The KPI page's scope: a team or a system, not both. */
export const kpiQuery = z
  .object({
    from: instant,
    to: instant,
    team: plain.trim().min(1).optional(),
    system: plain.trim().min(1).optional(),
  })
  .refine(q => !(q.team && q.system), {
    message: 'ask for a team or a system, not both',
  });
