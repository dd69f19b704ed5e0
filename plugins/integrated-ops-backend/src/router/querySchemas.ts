import { z } from 'zod';

const QUERY_REQUIRED =
  'is required: an entity name or ref, hostname, URL, IP or CIDR';

const at = z.iso.datetime({ offset: true }).optional();

/** The largest batch: one permission check answers up to this many lookups. */
export const MAX_BATCH = 1000;

export const lookupBatchBody = z.object({
  queries: z
    .array(z.string().trim().min(1, QUERY_REQUIRED).max(2048), {
      error:
        'is required: a list of names, refs, hostnames, URLs, IPs or CIDRs',
    })
    .min(1, 'needs at least one query')
    .max(MAX_BATCH, `has more than ${MAX_BATCH} queries: split the batch`),
  at,
  detail: z.enum(['best', 'full']).default('best'),
});

export const lookupQuery = z.object({
  q: z
    .string({ error: QUERY_REQUIRED })
    .trim()
    .min(1, QUERY_REQUIRED)
    .max(2048),
  at,
  /** Owners, teams and on-call as they were then (from the history). */
  asOf: at,
  detail: z.enum(['best', 'full']).default('best'),
});

export const historyQuery = z.object({
  entity: z
    .string({ error: 'is required: an entity ref, e.g. component:default/x' })
    .trim()
    .min(1, 'is required')
    .max(512, 'is too long: at most 512 characters'),
  limit: z.coerce.number().int().min(1).max(200).default(30),
});

export const blastRadiusQuery = z.object({
  entity: z
    .string({
      error: 'is required: an entity name or ref, hostname, URL or IP',
    })
    .trim()
    .min(1, 'is required')
    .max(2048),
  depth: z.coerce.number().int().min(1).max(6).default(2),
  at,
});

export const coverageQuery = z.object({
  format: z.enum(['json', 'csv']).default('json'),
});

export const teamOnCallQuery = z.object({
  team: z
    .string({ error: 'is required: a group ref, e.g. group:default/soc-tier1' })
    .trim()
    .min(1, 'is required')
    .max(512, 'is too long: at most 512 characters'),
  at,
});

const day = z.iso.date();

export const lookupKpiQuery = z.object({ from: day, to: day });
