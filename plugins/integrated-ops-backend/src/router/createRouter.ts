import {
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  opsCoverageReadPermission,
  opsLookupReadPermission,
  parseInput,
  tryNormalizeEntityRef,
} from '@integrated-ops/plugin-integrated-ops-common';
import {
  databaseOutageErrors,
  afterSpecValidation,
  specRouterOptions,
} from '@integrated-ops/plugin-integrated-ops-node';
import express, { Request } from 'express';
import { createOpenApiRouter, spec } from '../schema/openapi';
import { blastRadius } from '../answer/blastRadius';
import { AnswerOptions, teamOnCall } from '../answer/buildOwnershipAnswer';
import { catalogReadFilter } from '../permissions/catalogReadFilter';
import { coverageCsv } from '../answer/coverageCsv';
import { RecertificationsSource } from '../drift/recertificationsSource';
import { fullCoverageReport } from '../drift/fullCoverageReport';
import { lookupOutcome, LookupOutcomes } from '../kpis/LookupOutcomes';
import { BatchAnswers, lookup } from '../answer/lookup';
import { upcomingShifts } from '../answer/upcomingShifts';
import {
  answerInSlices,
  BATCH_LIMITS,
  budgetMessage,
} from '../answer/batchLookup';
import { OwnershipIndexService } from '../service/OwnershipIndexService';
import { sendJson } from '../answer/answerJson';
import { addAlertRoutes, AlertRoutesOptions } from './alertRoutes';
import { addPageRoutes } from './pageRoutes';
import { addIncidentRoutes } from './incidentRoutes';
import { IncidentService } from '../incidents/IncidentService';
import { PagingService } from '../paging/PagingService';
import { AsOfSources, lookupAsOf } from '../history/lookupAsOf';
import { ownershipTimeline } from '../history/ownershipTimeline';
import {
  blastRadiusQuery,
  historyQuery,
  lookupBatchBody,
  lookupQuery,
  teamOnCallQuery,
} from './querySchemas';

/** Any route's request, whatever its spec-typed parameters. */
type AnyRequest = Request<any, any, any, any>;

/** How much of a batch's answer is gathered before it is written. */
const WRITE_BYTES = 64 * 1024;

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  indexService: OwnershipIndexService;
  answerOptions?: AnswerOptions;
  /** Where a lookup that fails inside a streamed batch is told in full. */
  logger?: LoggerService;
  /** Counts lookups that found no owner (the governance KPI); absent, nothing is counted. */
  lookupOutcomes?: LookupOutcomes;
  /** Where ownership re-certification stands, for the coverage report's drift. */
  recertifications?: RecertificationsSource;
  /** The ownership history: `asOf` lookups and GET /history; absent, neither is served. */
  history?: AsOfSources;
  /** The alert route and the unrouted-alerts listing; absent, neither is served. */
  alerts?: Omit<
    AlertRoutesOptions,
    'httpAuth' | 'permissions' | 'indexService' | 'answerOptions' | 'now'
  >;
  /** Paging from a lookup answer (POST /pages and after); absent, not served. */
  paging?: PagingService;
  /** Incidents of routed alerts and response times (GET /incidents/...); absent, not served. */
  incidents?: IncidentService;
  now?: () => Date;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, indexService, answerOptions } = options;
  const now = options.now ?? (() => new Date());
  // Routes, parameters and bodies are those of openapi.yaml (the generated
  // router): what breaks it is a 400 naming the field before any handler.
  const router = await createOpenApiRouter(
    // POST /lookup/batch: up to 1,000 queries of up to 2 KB each.
    specRouterOptions({ jsonLimit: '3mb' }),
  );
  router.use(...afterSpecValidation(spec));

  // The alert senders' tokens (Alertmanager's) may post alerts and nothing
  // else: not read owners, phone numbers or coverage. Enforced here whatever
  // the token's access restrictions say (the alert route reads its
  // credentials itself).
  const alertSenders = new Set(options.alerts?.senders ?? []);

  /**
   * The caller's credentials; 401 without a user or service token, 403 for
   * an alert sender (`integratedOps.alerts.senders`).
   */
  async function credentialsOf(req: AnyRequest) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    if (
      credentials.principal.type === 'service' &&
      alertSenders.has(credentials.principal.subject)
    ) {
      throw new NotAllowedError(
        `${credentials.principal.subject} is an alert sender (integratedOps.alerts.senders): it may post alerts and nothing else`,
      );
    }
    return credentials;
  }

  /** 403 unless the permission policy allows the caller this permission. */
  async function requirePermission(
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ) {
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== 'ALLOW') {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
  }

  /** A permission and what the caller may read in the catalog, asked at once. */
  async function authorizeReading(
    req: AnyRequest,
    permission: BasicPermission,
  ) {
    const credentials = await credentialsOf(req);
    const index = indexService.current();
    const [, canRead] = await Promise.all([
      requirePermission(credentials, permission),
      catalogReadFilter(permissions, credentials, index),
    ]);
    return { index, canRead, credentials };
  }

  /** The lookup permission and what the caller may read in the catalog. */
  const authorizeLookup = (req: AnyRequest) =>
    authorizeReading(req, opsLookupReadPermission);

  router.get('/lookup', async (req, res) => {
    const { index, canRead, credentials } = await authorizeLookup(req);
    const { detail = 'best' } = req.query;
    const { q, at, asOf } = parseInput(lookupQuery, req.query);
    if (asOf) {
      const when = new Date(asOf);
      if (!options.history) {
        throw new ServiceUnavailableError('No ownership history is kept');
      }
      if (when.getTime() > now().getTime()) {
        throw new InputError(
          'asOf is in the future: ask with at= for on-call later',
        );
      }
      res.json(
        await lookupAsOf(
          options.history,
          index,
          indexService.status(),
          q,
          when,
          canRead,
          credentials,
          { ...answerOptions, detail },
        ),
      );
      return;
    }
    const response = lookup(
      index,
      indexService.status(),
      q,
      at ? new Date(at) : now(),
      canRead,
      { ...answerOptions, detail, helpWhenNoMatch: true },
    );
    options.lookupOutcomes?.count(lookupOutcome(response), now());
    sendJson(req, res, response);
  });

  router.post('/lookup/batch', async (req, res) => {
    const { index, canRead } = await authorizeLookup(req);
    // Every limit is checked here, before any lookup: the number of queries,
    // how many may be answered in full (400 naming the limit).
    const { queries, at, detail } = parseInput(lookupBatchBody, req.body);
    const when = at ? new Date(at) : now();
    const status = indexService.status();
    // One moment for the whole batch: an entity's answers are made once.
    const answerWith = {
      ...answerOptions,
      detail,
      answers: new BatchAnswers(),
    };
    const { budgetBytes } = BATCH_LIMITS;
    // Written result by result as they are answered (no answer is ever held
    // whole as one string), in slices that leave the event loop to other
    // requests, within the answer budget.
    res.status(200).type('application/json');
    // Written only as fast as the caller reads: a full buffer waits for
    // 'drain' (or the connection's end). One listener for the whole batch
    // (the compression middleware hands 'drain' listeners to its stream).
    let wake: (() => void) | undefined;
    const wakeUp = () => {
      wake?.();
      wake = undefined;
    };
    res.on('drain', wakeUp);
    res.on('close', wakeUp);
    const written = (chunk: string) =>
      res.write(chunk) || res.destroyed
        ? undefined
        : new Promise<void>(resolve => {
            wake = resolve;
          });
    // Results are gathered into writes of about 64 KB: a write per result
    // cost a chunk header and a buffer of its own each (the socket is corked
    // within a turn, so not a system call each).
    let pending: string[] = [];
    let pendingLength = 0;
    const flush = () => {
      const chunk = pending.join('');
      pending = [];
      pendingLength = 0;
      return chunk ? written(chunk) : undefined;
    };
    const buffered = (chunk: string) => {
      pending.push(chunk);
      pendingLength += chunk.length;
      return pendingLength >= WRITE_BYTES ? flush() : undefined;
    };
    buffered(
      `{"at":${JSON.stringify(when.toISOString())},"index":${JSON.stringify(
        status,
      )},"limits":${JSON.stringify(BATCH_LIMITS)},"results":[`,
    );
    const outcome = await answerInSlices(queries, {
      answer: q => {
        try {
          const response = lookup(index, status, q, when, canRead, answerWith);
          return {
            q,
            interpretedAs: response.query.interpretedAs,
            matches: response.matches,
            totalMatches: response.totalMatches,
            truncated: response.truncated,
          };
        } catch (error) {
          // The status line is sent: one query that fails is said in its
          // place, and the batch ends as valid JSON.
          options.logger?.error(
            `Batch lookup of "${q.slice(0, 200)}": ${error}`,
          );
          return {
            q,
            error: 'this lookup failed on the server; see the backend log',
          };
        }
      },
      skipped: q => ({ q, skipped: true }),
      budgetBytes,
      emit: (json, _result, position) => buffered(position ? `,${json}` : json),
      cancelled: () => res.destroyed || req.socket.destroyed,
    });
    if (outcome.cancelled) {
      res.end();
      return;
    }
    const truncated = outcome.answered < queries.length;
    res.end(
      `${pending.join('')}],"answered":${outcome.answered},"answeredBytes":${
        outcome.bytes
      },"truncated":${truncated}${
        truncated
          ? `,"message":${JSON.stringify(
              budgetMessage(outcome.answered, queries.length, budgetBytes),
            )}`
          : ''
      }}`,
    );
  });

  router.get('/blast-radius', async (req, res) => {
    const { index, canRead } = await authorizeLookup(req);
    const { depth = 2 } = req.query;
    const { entity, at } = parseInput(blastRadiusQuery, req.query);
    sendJson(
      req,
      res,
      blastRadius(
        index,
        indexService.status(),
        entity,
        depth,
        at ? new Date(at) : now(),
        canRead,
        answerOptions,
      ),
    );
  });

  router.get('/teams/on-call', async (req, res) => {
    const { index, canRead } = await authorizeLookup(req);
    const { team, at } = parseInput(teamOnCallQuery, req.query);
    const ref = tryNormalizeEntityRef(team, { defaultKind: 'group' });
    const when = at ? new Date(at) : now();
    const answer =
      ref && canRead(ref)
        ? teamOnCall(index, ref, when, answerOptions?.providers)
        : undefined;
    if (!answer) throw new NotFoundError(`No team ${team} in the catalog`);
    res.json({
      ...answer,
      upcoming: upcomingShifts(index, ref!, when),
      index: indexService.status(),
    });
  });

  router.get('/coverage', async (req, res) => {
    const credentials = await credentialsOf(req);
    await requirePermission(credentials, opsCoverageReadPermission);
    const { format = 'json' } = req.query;
    const report = await fullCoverageReport({
      index: indexService.current(),
      credentials,
      now: now(),
      providers: answerOptions?.providers,
      history: options.history?.store,
      recertifications: options.recertifications,
    });
    if (format === 'csv') {
      res
        .type('text/csv')
        .attachment('ops-ownership-gaps.csv')
        // The spec's text/csv answer; the typed send() knows only its JSON.
        .end(coverageCsv(report));
      return;
    }
    res.json({ ...report, index: indexService.status() });
  });

  if (options.alerts) {
    addAlertRoutes(router, {
      ...options.alerts,
      httpAuth,
      permissions,
      indexService,
      answerOptions,
      now,
    });
  }

  if (options.paging) {
    addPageRoutes(router, {
      paging: options.paging,
      authorizeLookup,
      requirePermission,
      now,
    });
  }

  if (options.incidents) {
    addIncidentRoutes(router, {
      incidents: options.incidents,
      authorizeLookup,
      requirePermission,
      authorizeCoverage: req =>
        authorizeReading(req, opsCoverageReadPermission),
      now,
    });
  }

  if (options.history) {
    const { store } = options.history;
    router.get('/history', async (req, res) => {
      const { canRead } = await authorizeLookup(req);
      const { limit = 30 } = req.query;
      const { entity } = parseInput(historyQuery, req.query);
      const ref = tryNormalizeEntityRef(entity, { defaultKind: 'component' });
      if (!ref || !canRead(ref)) {
        throw new NotFoundError(`No entity ${entity} in the catalog`);
      }
      const [entries, startsAt] = await Promise.all([
        store.of(ref, limit + 1),
        store.startsAt(),
      ]);
      if (!entries.length) {
        throw new NotFoundError(`No ownership history of ${entity}`);
      }
      res.json(ownershipTimeline(ref, entries, startsAt));
    });
  }

  if (options.lookupOutcomes) {
    const outcomes = options.lookupOutcomes;
    router.get('/kpis/lookups', async (req, res) => {
      await requirePermission(
        await credentialsOf(req),
        opsCoverageReadPermission,
      );
      const { from, to } = req.query;
      if (from > to) throw new InputError('from is after to');
      res.json({ from, to, days: await outcomes.days(from, to) });
    });
  }

  router.get('/index-status', async (req, res) => {
    await requirePermission(await credentialsOf(req), opsLookupReadPermission);
    res.json(indexService.status());
  });

  // A database outage: 503 naming the cause, never an opaque 500.
  router.use(databaseOutageErrors('this cannot be read or saved'));
  return router;
}
