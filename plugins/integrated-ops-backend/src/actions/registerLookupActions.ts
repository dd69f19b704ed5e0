import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  LookupResponse,
  opsLookupReadPermission,
} from '@integrated-ops/plugin-integrated-ops-common';
import { MAX_QUERY_LENGTH } from '../router/querySchemas';
import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { blastRadius } from '../answer/blastRadius';
import { AnswerOptions } from '../answer/buildOwnershipAnswer';
import { catalogReadFilter } from '../permissions/catalogReadFilter';
import { compactAnswer } from '../answer/compactAnswer';
import { BatchAnswers, lookup } from '../answer/lookup';
import {
  answerInSlices,
  BATCH_LIMITS,
  budgetMessage,
} from '../answer/batchLookup';
import { OwnershipIndexService } from '../service/OwnershipIndexService';
import { AsOfSources, lookupAsOf } from '../history/lookupAsOf';
import { InputError, NotAllowedError } from '@backstage/errors';
import type { z as zod } from 'zod/v3';

/** The answers' `degraded` field: set while the database is unreachable. */
const degradedSchema = (z: typeof zod) =>
  z
    .object({ since: z.string(), cause: z.string() })
    .optional()
    .describe(
      "Set while the portal's database is unreachable: the answer is from the last index",
    );

/** More matched than listed: how many (said only then, to keep answers short). */
const truncation = (response: LookupResponse) =>
  response.truncated
    ? { truncated: true, totalMatches: response.totalMatches }
    : {};

/** A lookup's compact form: every match in brief, the best as who to call. */
function compactLookup(response: LookupResponse) {
  const [best] = response.matches;
  return {
    interpretedAs: response.query.interpretedAs,
    matches: response.matches.map(({ answer: _full, ...brief }) => brief),
    best: best?.answer ? compactAnswer(best.answer) : undefined,
    ...truncation(response),
  };
}

/** One query's result in `ops-lookup-many`: answered compactly, or skipped. */
type ManyResult = { query: string; skipped?: boolean } & Partial<
  ReturnType<typeof compactLookup>
>;

const truncationSchema = (z: typeof zod) => ({
  truncated: z
    .boolean()
    .optional()
    .describe(
      `Set when more entities matched than the ${BATCH_LIMITS.maxMatches} listed`,
    ),
  totalMatches: z
    .number()
    .optional()
    .describe('With truncated: how many entities matched'),
});

/**
 * The lookup and blast radius as actions in Backstage's actions registry, so
 * AI agents can ask them over MCP (mcp-actions backend). Like the routes,
 * they show only entities the caller may read in the catalog.
 */
export function registerLookupActions(
  actionsRegistry: ActionsRegistryService,
  indexService: OwnershipIndexService,
  permissions: PermissionsService,
  answerOptions: AnswerOptions = {},
  history?: AsOfSources,
  access: {
    /** Services that may post alerts and nothing else (`integratedOps.alerts.senders`). */
    alertSenders?: string[];
  } = {},
) {
  const alertSenders = new Set(access.alertSenders ?? []);
  /** The alert senders' tokens may not use these actions, whatever their access restrictions. */
  function refuseAlertSenders(credentials: BackstageCredentials) {
    const principal = credentials.principal as {
      type?: string;
      subject?: string;
    };
    if (
      principal.type === 'service' &&
      principal.subject &&
      alertSenders.has(principal.subject)
    ) {
      throw new NotAllowedError(
        `${principal.subject} is an alert sender (integratedOps.alerts.senders): it may post alerts and nothing else`,
      );
    }
  }

  actionsRegistry.register({
    name: 'ops-lookup',
    title: 'Who owns this? (NetOps / DevOps / SecOps)',
    description:
      'Given an entity name or ref, a hostname, a URL, an IP address or a CIDR, returns the matching catalog entities, ' +
      'ranked, each with its NetOps, DevOps and SecOps owning teams and who is on call now; for the best match, ' +
      'who to call with their numbers, the escalation path, whom to call instead where nobody can be paged, and runbooks. ' +
      'Compact by default; detail "full" returns every match with its complete answer (team members, all contacts). ' +
      'With asOf (an ISO time in the past), answers as it was then: the owners, teams and on-call then, and the ' +
      'change requests that touched the entity by then (who asked, who approved, when applied), for incident reviews.',
    visibilityPermission: opsLookupReadPermission,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          query: z
            .string()
            .min(1)
            .max(MAX_QUERY_LENGTH)
            .describe('Name, entity ref, hostname, URL, IP or CIDR'),
          detail: z
            .enum(['compact', 'full'])
            .default('compact')
            .describe(
              'compact: every match in brief and the best one as who to call; full: every complete answer',
            ),
          asOf: z
            .string()
            .datetime({ offset: true })
            .optional()
            .describe(
              'ISO time in the past: owners, teams and on-call as they were then',
            ),
        }),
      output: z =>
        z.object({
          interpretedAs: z.string(),
          indexStale: z.boolean(),
          degraded: degradedSchema(z),
          matches: z.array(
            z.object({
              entityRef: z.string(),
              matchedBy: z.string(),
              detail: z.string().optional(),
              score: z.number(),
              summary: z.any(),
              answer: z.any().optional(),
            }),
          ),
          best: z
            .any()
            .optional()
            .describe('The best match, compact: who to call and how'),
          ...truncationSchema(z),
          history: z
            .any()
            .optional()
            .describe(
              'With asOf: what the answer rests on and the change requests by then',
            ),
          noMatch: z
            .any()
            .optional()
            .describe(
              'When nothing matched: whom to call anyway (escalateTo), the nearest owned segment or System, near names',
            ),
        }),
    },
    action: async ({ input, credentials }) => {
      refuseAlertSenders(credentials);
      const index = indexService.current();
      const full = input.detail === 'full';
      const canRead = await catalogReadFilter(permissions, credentials, index);
      const options = {
        ...answerOptions,
        detail: full ? 'full' : 'best',
      } as const;
      let response: LookupResponse;
      if (input.asOf) {
        const asOf = new Date(input.asOf);
        if (!history) throw new InputError('No ownership history is kept');
        if (asOf.getTime() > Date.now()) {
          throw new InputError('asOf is in the future');
        }
        response = await lookupAsOf(
          history,
          index,
          indexService.status(),
          input.query,
          asOf,
          canRead,
          credentials,
          options,
        );
      } else {
        response = lookup(
          index,
          indexService.status(),
          input.query,
          new Date(),
          canRead,
          { ...options, helpWhenNoMatch: true },
        );
      }
      return {
        output: {
          ...(full
            ? {
                interpretedAs: response.query.interpretedAs,
                matches: response.matches,
                ...truncation(response),
              }
            : compactLookup(response)),
          indexStale: response.index.stale,
          degraded: response.index.degraded,
          history: response.matches[0]?.answer?.history,
          noMatch: response.noMatch,
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'ops-lookup-many',
    title: 'Who owns these? (many at once)',
    description:
      `The compact ops-lookup for up to ${BATCH_LIMITS.maxQueries} queries in one call (the addresses of an alert storm, the hosts of a log ` +
      'excerpt): per query, the matches in brief (at most 20) and the best one as who to call. One permission check for all; ' +
      `the request body must stay under 100 kB. The answers stop at ${BATCH_LIMITS.mcpBudgetBytes} bytes of JSON: the queries ` +
      'after that are listed with skipped: true (answered says how many were answered, in order); ask again with those.',
    visibilityPermission: opsLookupReadPermission,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          queries: z
            .array(z.string().min(1).max(MAX_QUERY_LENGTH))
            .min(1)
            .max(BATCH_LIMITS.maxQueries)
            .describe('Names, entity refs, hostnames, URLs, IPs or CIDRs'),
        }),
      output: z =>
        z.object({
          indexStale: z.boolean(),
          degraded: degradedSchema(z),
          answered: z
            .number()
            .describe(
              'How many queries were answered: the first ones, in order',
            ),
          truncated: z
            .boolean()
            .describe(
              'Set when some queries were not answered (the answer budget was reached)',
            ),
          message: z.string().optional(),
          results: z.array(
            z.object({
              query: z.string(),
              interpretedAs: z.string().optional(),
              matches: z.array(z.any()).optional(),
              best: z.any().optional(),
              ...truncationSchema(z),
              skipped: z
                .boolean()
                .optional()
                .describe('Not answered: the answer budget was reached first'),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      refuseAlertSenders(credentials);
      const index = indexService.current();
      const status = indexService.status();
      const canRead = await catalogReadFilter(permissions, credentials, index);
      const at = new Date();
      const options = {
        ...answerOptions,
        detail: 'best',
        answers: new BatchAnswers(),
      } as const;
      const results: ManyResult[] = [];
      const { mcpBudgetBytes } = BATCH_LIMITS;
      // Trimmed as the HTTP route trims them: the same query answered once.
      const queries = input.queries.map(q => q.trim());
      const outcome = await answerInSlices(queries, {
        answer: query => ({
          query,
          ...compactLookup(lookup(index, status, query, at, canRead, options)),
        }),
        skipped: query => ({ query, skipped: true }),
        budgetBytes: mcpBudgetBytes,
        emit: (_json, result) => void results.push(result),
      });
      const truncated = outcome.answered < queries.length;
      return {
        output: {
          indexStale: status.stale,
          degraded: status.degraded,
          answered: outcome.answered,
          truncated,
          message: truncated
            ? budgetMessage(outcome.answered, queries.length, mcpBudgetBytes)
            : undefined,
          results,
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'ops-blast-radius',
    title: 'What else breaks? (blast radius)',
    description:
      'For an entity (name, ref, hostname, URL or IP), lists what depends on it and what it depends on, up to N hops, ' +
      'each with its owners and who is on call now.',
    visibilityPermission: opsLookupReadPermission,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entity: z.string().min(1).max(MAX_QUERY_LENGTH),
          depth: z.number().int().min(1).max(6).default(2),
        }),
      output: z =>
        z.object({
          entity: z.any(),
          dependents: z.array(z.any()),
          dependencies: z.array(z.any()),
          indexStale: z.boolean(),
          degraded: degradedSchema(z),
        }),
    },
    action: async ({ input, credentials }) => {
      refuseAlertSenders(credentials);
      const index = indexService.current();
      const response = blastRadius(
        index,
        indexService.status(),
        input.entity,
        input.depth,
        new Date(),
        await catalogReadFilter(permissions, credentials, index),
        answerOptions,
      );
      return {
        output: {
          entity: response.entity,
          dependents: response.dependents,
          dependencies: response.dependencies,
          indexStale: response.index.stale,
          degraded: response.index.degraded,
        },
      };
    },
  });
}
