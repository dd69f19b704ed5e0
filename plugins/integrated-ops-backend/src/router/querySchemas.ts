import { z } from 'zod';
import { BATCH_LIMITS } from '../answer/batchLookup';

const QUERY_REQUIRED =
  'is required: an entity name or ref, hostname, URL, IP or CIDR';

/** The longest query: an entity name or ref, hostname, URL, IP or CIDR. */
export const MAX_QUERY_LENGTH = 2048;
const QUERY_TOO_LONG = `at most ${MAX_QUERY_LENGTH} characters`;

const at = z.iso.datetime({ offset: true }).optional();

/** The largest batch: one permission check answers up to this many lookups. */
export const MAX_BATCH = BATCH_LIMITS.maxQueries;
const { maxFullQueries } = BATCH_LIMITS;

export const lookupBatchBody = z
  .object({
    queries: z
      .array(
        z
          .string()
          .trim()
          .min(1, QUERY_REQUIRED)
          .max(MAX_QUERY_LENGTH, QUERY_TOO_LONG),
        {
          error:
            'is required: a list of names, refs, hostnames, URLs, IPs or CIDRs',
        },
      )
      .min(1, 'needs at least one query')
      .max(MAX_BATCH, `has more than ${MAX_BATCH} queries: split the batch`),
    at,
    detail: z.enum(['best', 'full']).default('best'),
  })
  .superRefine((body, ctx) => {
    // Every match in full is up to 20 whole answers per query: allowed for a
    // few queries, decided before any is looked up.
    if (body.detail === 'full' && body.queries.length > maxFullQueries) {
      ctx.addIssue({
        code: 'custom',
        path: ['detail'],
        message: `"full" is allowed for at most ${maxFullQueries} queries per batch, got ${body.queries.length}: ask with detail "best" (the best match of each in full), or in batches of ${maxFullQueries}`,
      });
    }
  });

export const lookupQuery = z.object({
  q: z
    .string({ error: QUERY_REQUIRED })
    .trim()
    .min(1, QUERY_REQUIRED)
    .max(MAX_QUERY_LENGTH, QUERY_TOO_LONG),
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
    .max(MAX_QUERY_LENGTH, QUERY_TOO_LONG),
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
