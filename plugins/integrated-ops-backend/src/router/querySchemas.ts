import { z } from 'zod';
import { BATCH_LIMITS } from '../answer/batchLookup';

/*
 * What openapi.yaml cannot say about the routes' input, checked after the
 * spec has judged types, lengths, ranges, formats and required fields:
 * queries are judged trimmed (a blank one is no query), and how many queries
 * of a batch may be answered in full depends on the batch's size.
 */

const QUERY_REQUIRED =
  'is required: an entity name or ref, hostname, URL, IP or CIDR';

/** The longest query: an entity name or ref, hostname, URL, IP or CIDR (as the spec says). */
export const MAX_QUERY_LENGTH = 2048;

/** A text that must not be blank once trimmed; the trimmed text. */
const trimmed = (message: string) => z.string().trim().min(1, message);

/** An instant the calendar has (the spec's date-time checks its shape, not e.g. second 60). */
const at = z.iso.datetime({ offset: true }).optional();

export const lookupQuery = z.object({
  q: trimmed(QUERY_REQUIRED),
  at,
  asOf: at,
});

const { maxFullQueries } = BATCH_LIMITS;

export const lookupBatchBody = z
  .object({
    queries: z.array(trimmed(QUERY_REQUIRED)),
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

export const historyQuery = z.object({ entity: trimmed('is required') });

export const blastRadiusQuery = z.object({
  entity: trimmed('is required'),
  at,
});

export const teamOnCallQuery = z.object({ team: trimmed('is required'), at });
