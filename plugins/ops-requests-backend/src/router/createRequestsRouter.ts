import {
  BackstageCredentials,
  BackstageServicePrincipal,
  HttpAuthService,
  PermissionsRegistryService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  createConditionTransformer,
} from '@backstage/plugin-permission-node';
import {
  changeIntentSchema,
  ChangeRequest,
  ChangeRequestDetail,
  opsRequestCreatePermission,
  opsRequestDecidePermission,
  opsRequestReadPermission,
} from '@integrated-ops/plugin-ops-requests-common';
import { opsRequestResourceRef } from '@integrated-ops/plugin-ops-requests-node';
import {
  parseInput,
  tryNormalizeEntityRef,
} from '@integrated-ops/plugin-integrated-ops-common';
import {
  afterSpecValidation,
  assertFactReader,
  databaseOutageErrors,
  specRouterOptions,
} from '@integrated-ops/plugin-integrated-ops-node';
import express, { Request } from 'express';
import { createOpenApiRouter, spec } from '../schema/openapi';
import { RequestService } from '../requests/RequestService';
import { RequestStore } from '../requests/RequestStore';
import { addCalendarRoutes, CalendarRoutesOptions } from './calendarRoutes';
import { GovernanceKpiService } from '../kpis/GovernanceKpiService';
import { kpisCsv } from '../kpis/kpisCsv';
import {
  approveBody,
  handOverBody,
  kpiQuery,
  listQuery,
  rejectBody,
} from './requestSchemas';

const DAY = 86_400_000;

/**
 * The ops-requests routes. Every route authenticates a user and asks the
 * permission framework; deciding is a conditional permission on the request
 * (the portal's policy: a team in the user's claims is pending, and the user
 * is not the requester), applied here with the rules this plugin registered.
 * The "awaiting my approval" view is that same decision turned into a store
 * query by the condition transformer. Routes, parameters and bodies are
 * those of openapi.yaml (the generated router): what breaks it is a 400
 * before any handler runs.
 */
export async function createRequestsRouter(options: {
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  service: RequestService;
  store: RequestStore;
  /** The governance KPIs; absent, GET /kpis is not served. */
  kpis?: GovernanceKpiService;
  /** Plugins whose service tokens may read the re-certification report. */
  factReaders?: string[];
  /** The change calendar's sources; absent, its routes are not served. */
  calendar?: Omit<CalendarRoutesOptions, 'httpAuth' | 'permissions' | 'store'>;
}): Promise<express.Router> {
  const { httpAuth, userInfo, permissions, service, store } = options;
  const rules = options.permissionsRegistry.getPermissionRuleset(
    opsRequestResourceRef,
  );
  const authorizeRequest = createConditionAuthorizer(rules);
  const toQuery = createConditionTransformer(rules);
  const router = await createOpenApiRouter(
    // An intent is a few hundred bytes; nothing a caller sends needs more.
    specRouterOptions({ jsonLimit: '64kb' }),
  );
  router.use(...afterSpecValidation(spec));

  /** The signed-in caller, if the permission framework allows them this; 403 otherwise. */
  async function authorize(req: Request, permission: BasicPermission) {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const [d] = await permissions.authorize([{ permission }], { credentials });
    if (d.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
    return credentials;
  }

  /** The caller's decision on deciding requests: allowed, denied, or conditions. */
  async function decideDecision(req: Request) {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const [decision] = await permissions.authorizeConditional(
      [{ permission: opsRequestDecidePermission }],
      { credentials },
    );
    return { credentials, decision };
  }

  /** Whether the caller may decide this (already loaded) request. */
  async function mayDecide(req: Request, request: ChangeRequest) {
    const { credentials, decision } = await decideDecision(req);
    return {
      credentials,
      allowed: authorizeRequest(decision, service.toResource(request)),
    };
  }

  router.post('/requests/preview', async (req, res) => {
    const credentials = await authorize(req, opsRequestCreatePermission);
    const intent = parseInput(changeIntentSchema, req.body);
    const { userEntityRef } = credentials.principal;
    res.json(await service.preview(intent, { userEntityRef, credentials }));
  });

  router.post('/requests', async (req, res) => {
    const credentials = await authorize(req, opsRequestCreatePermission);
    const intent = parseInput(changeIntentSchema, req.body);
    const { userEntityRef } = credentials.principal;
    res
      .status(201)
      .json(await service.create(intent, { userEntityRef, credentials }));
  });

  router.get('/requests', async (req, res) => {
    const credentials = await authorize(req, opsRequestReadPermission);
    const { view = 'all' } = req.query;
    const { target, before } = parseInput(listQuery, req.query);
    const me = credentials.principal.userEntityRef.toLocaleLowerCase('en-US');
    const about = {
      target: target?.toLocaleLowerCase('en-US'),
      requestedBefore: before && new Date(before).toISOString(),
    };
    if (view === 'mine') {
      res.json({ items: await store.list({ requestedBy: me, ...about }) });
      return;
    }
    if (view === 'all') {
      res.json({ items: await store.list(about) });
      return;
    }
    // Awaiting my approval: what the policy lets me decide, as a query.
    const { decision } = await decideDecision(req);
    let items: Awaited<ReturnType<typeof store.list>> = [];
    if (decision.result === AuthorizeResult.ALLOW) {
      items = (await store.list({})).filter(r => r.state === 'pending');
    } else if (decision.result === AuthorizeResult.CONDITIONAL) {
      items = await store.list({ criteria: toQuery(decision.conditions) });
    }
    res.json({ items });
  });

  router.get('/requests/:id', async (req, res) => {
    await authorize(req, opsRequestReadPermission);
    const request = await service.get(req.params.id);
    const { allowed: canDecide } = await mayDecide(req, request);
    const detail: ChangeRequestDetail = {
      ...(await service.review(request)),
      audit: await store.audit(request.id),
      canDecide,
    };
    res.json(detail);
  });

  /** The caller and their claims, if they may decide this request; 403 otherwise. */
  async function decider(req: Request, verb: string) {
    const { credentials, allowed } = await mayDecide(
      req,
      await service.get(req.params.id),
    );
    if (!allowed) {
      throw new NotAllowedError(
        `Only a member of a team whose approval is pending may ${verb}, and never the requester`,
      );
    }
    const info = await userInfo.getUserInfo(credentials);
    return {
      userEntityRef: info.userEntityRef,
      claims: info.ownershipEntityRefs,
    };
  }

  router.post('/requests/:id/approve', async (req, res) => {
    const { comment } = parseInput(approveBody, req.body);
    const who = await decider(req, 'approve');
    res.json(await service.approve(req.params.id, who, comment));
  });

  router.post('/requests/:id/reject', async (req, res) => {
    const { justification } = parseInput(rejectBody, req.body);
    const who = await decider(req, 'reject');
    res.json(
      await service.reject(req.params.id, who.userEntityRef, justification),
    );
  });

  // Break-glass access in post-review: an owning team confirms it (it stays
  // until its end time) or revokes it now.
  router.post('/requests/:id/confirm', async (req, res) => {
    const { comment } = parseInput(approveBody, req.body);
    const who = await decider(req, 'confirm');
    res.json(await service.confirm(req.params.id, who, comment));
  });

  router.post('/requests/:id/revoke', async (req, res) => {
    const { justification } = parseInput(rejectBody, req.body);
    const who = await decider(req, 'revoke');
    res.json(await service.revokeNow(req.params.id, who, justification));
  });

  // Ownership re-certification: the asked team hands the declaration over
  // to another team (which then accepts or refuses).
  router.post('/requests/:id/hand-over', async (req, res) => {
    const { to, comment } = parseInput(handOverBody, req.body);
    const recertifications = service.recertifications;
    if (!recertifications) {
      throw new NotFoundError('Ownership re-certification is not configured');
    }
    const who = await decider(req, 'hand over');
    res.json(
      await recertifications.handOver(
        await service.get(req.params.id),
        who.userEntityRef,
        to,
        comment,
      ),
    );
  });

  router.get('/recertifications', async (req, res) => {
    // A user asks the permission framework; a plugin must be a fact reader.
    const caller = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    if (caller.principal.type === 'service') {
      assertFactReader(
        caller as BackstageCredentials<BackstageServicePrincipal>,
        options.factReaders ?? [],
        'integratedOps.requests.factReaders',
      );
    } else await authorize(req, opsRequestReadPermission);
    if (!service.recertifications) {
      res.json({ items: [] });
      return;
    }
    res.json(await service.recertifications.report());
  });

  if (options.kpis) {
    const kpiService = options.kpis;
    router.get('/kpis', async (req, res) => {
      const credentials = await authorize(req, opsRequestReadPermission);
      const query = { ...req.query, ...parseInput(kpiQuery, req.query) };
      const to = query.to ? new Date(query.to) : new Date();
      const from = query.from
        ? new Date(query.from)
        : new Date(to.getTime() - 30 * DAY);
      if (from >= to) throw new InputError('from must be before to');
      if (to.getTime() - from.getTime() > 400 * DAY) {
        throw new InputError('ask for at most 400 days');
      }
      const ref = (value: string | undefined, kind: string) =>
        value && tryNormalizeEntityRef(value, { defaultKind: kind });
      const kpis = await kpiService.kpis(
        {
          team: ref(query.team, 'group') || undefined,
          system: ref(query.system, 'system') || undefined,
        },
        { from: from.toISOString(), to: to.toISOString() },
        credentials,
      );
      if (query.format === 'csv') {
        // The spec's text/csv answer; the typed send() knows only its JSON.
        res
          .type('text/csv')
          .attachment('governance-kpis.csv')
          .end(kpisCsv(kpis));
        return;
      }
      res.json(kpis);
    });
  }

  if (options.calendar) {
    addCalendarRoutes(router, {
      ...options.calendar,
      httpAuth,
      permissions,
      store,
    });
  }

  // A database outage: writes fail fast with a 503 naming the cause.
  router.use(databaseOutageErrors('change requests cannot be read or changed'));
  return router;
}
