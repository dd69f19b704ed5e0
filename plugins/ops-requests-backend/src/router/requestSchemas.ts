import { z } from 'zod';

/** Query and bodies of the request routes; a new request's body is a ChangeIntent (-common). */
export const listQuery = z.object({
  view: z.enum(['mine', 'awaiting', 'all']).default('all'),
});

export const approveBody = z.object({
  comment: z.string().max(2000).optional(),
});

export const rejectBody = z.object({
  justification: z
    .string({ error: 'is required: say why the request is rejected' })
    .trim()
    .min(10, 'must say why, in at least 10 characters')
    .max(2000),
});
