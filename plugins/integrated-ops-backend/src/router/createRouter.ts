import {
  BackstageCredentials,
  HttpAuthService,
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
import { databaseOutageErrors } from '@integrated-ops/plugin-integrated-ops-node';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { blastRadius } from '../answer/blastRadius';
import { AnswerOptions, teamOnCall } from '../answer/buildOwnershipAnswer';
import { catalogReadFilter } from '../permissions/catalogReadFilter';
import { coverageCsv } from '../answer/coverageCsv';
import { RecertificationsSource } from '../drift/recertificationsSource';
import { fullCoverageReport } from '../drift/fullCoverageReport';
import { lookupOutcome, LookupOutcomes } from '../kpis/LookupOutcomes';
import { lookup, lookupMany } from '../answer/lookup';
import { OwnershipIndexService } from '../service/OwnershipIndexService';
import { addAlertRoutes, AlertRoutesOptions } from './alertRoutes';
import { AsOfSources, lookupAsOf } from '../history/lookupAsOf';
import { ownershipTimeline } from '../history/ownershipTimeline';
import {
  blastRadiusQuery,
  coverageQuery,
  historyQuery,
  lookupBatchBody,
  lookupKpiQuery,
  lookupQuery,
  teamOnCallQuery,
} from './querySchemas';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  indexService: OwnershipIndexService;
  answerOptions?: AnswerOptions;
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
  now?: () => Date;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, indexService, answerOptions } = options;
  const now = options.now ?? (() => new Date());
  const router = Router();
  // POST /lookup/batch: up to 1,000 queries of up to 2 KB each.
  router.use(express.json({ limit: '3mb' }));

  /** The caller's credentials; 401 without a user or service token. */
  const credentialsOf = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

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

  /** The lookup permission and what the caller may read in the catalog, asked at once. */
  async function authorizeLookup(req: Request) {
    const credentials = await credentialsOf(req);
    const index = indexService.current();
    const [, canRead] = await Promise.all([
      requirePermission(credentials, opsLookupReadPermission),
      catalogReadFilter(permissions, credentials, index),
    ]);
    return { index, canRead, credentials };
  }

  router.get('/lookup', async (req, res) => {
    const { index, canRead, credentials } = await authorizeLookup(req);
    const { q, at, asOf, detail } = parseInput(lookupQuery, req.query);
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
      { ...answerOptions, detail },
    );
    options.lookupOutcomes?.count(lookupOutcome(response), now());
    res.json(response);
  });

  router.post('/lookup/batch', async (req, res) => {
    const { index, canRead } = await authorizeLookup(req);
    const { queries, at, detail } = parseInput(lookupBatchBody, req.body);
    const when = at ? new Date(at) : now();
    const status = indexService.status();
    res.json({
      at: when.toISOString(),
      index: status,
      results: lookupMany(index, status, queries, when, canRead, {
        ...answerOptions,
        detail,
      }).map(({ query, matches }) => ({
        q: query.q,
        interpretedAs: query.interpretedAs,
        matches,
      })),
    });
  });

  router.get('/blast-radius', async (req, res) => {
    const { index, canRead } = await authorizeLookup(req);
    const { entity, depth, at } = parseInput(blastRadiusQuery, req.query);
    res.json(
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
    const answer =
      ref && canRead(ref)
        ? teamOnCall(
            index,
            ref,
            at ? new Date(at) : now(),
            answerOptions?.providers,
          )
        : undefined;
    if (!answer) throw new NotFoundError(`No team ${team} in the catalog`);
    res.json({ ...answer, index: indexService.status() });
  });

  router.get('/coverage', async (req, res) => {
    const credentials = await credentialsOf(req);
    await requirePermission(credentials, opsCoverageReadPermission);
    const { format } = parseInput(coverageQuery, req.query);
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
        .send(coverageCsv(report));
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

  if (options.history) {
    const { store } = options.history;
    router.get('/history', async (req, res) => {
      const { canRead } = await authorizeLookup(req);
      const { entity, limit } = parseInput(historyQuery, req.query);
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
      const { from, to } = parseInput(lookupKpiQuery, req.query);
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
