import {
  HttpAuthService,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import { opsRequestResourceRef } from '@internal/plugin-integrated-ops-node';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  changeIntentSchema,
  ChangeRequestDetail,
  opsRequestCreatePermission,
  opsRequestReadPermission,
  opsRequestDecidePermission,
} from '@internal/plugin-integrated-ops-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { RequestService } from '../requests/RequestService';
import { RequestStore } from '../requests/RequestStore';
import { parseInput } from './querySchemas';
import { approveBody, listQuery, rejectBody } from './requestSchemas';

/**
 * Change-request routes. Every route authenticates a user; deciding is a
 * conditional permission on the request (the policy requires a member of a
 * pending approving team who is not the requester), evaluated by the
 * permission framework against the rules this plugin registers.
 */
export function createRequestsRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  service: RequestService;
  store: RequestStore;
}): express.Router {
  const { httpAuth, permissions, service, store } = options;
  // Applies a conditional decision to a request loaded here, with the rules
  // this plugin registered (no round trip through the permission backend).
  const authorizeRequest = createConditionAuthorizer(
    options.permissionsRegistry.getPermissionRuleset(opsRequestResourceRef),
  );
  const router = Router();
  // An intent is a few hundred bytes; nothing a caller sends needs more.
  router.use(express.json({ limit: '64kb' }));

  const user = (req: Request) => httpAuth.credentials(req, { allow: ['user'] });

  async function allowed(req: Request, permission: BasicPermission) {
    const credentials = await user(req);
    const [d] = await permissions.authorize([{ permission }], { credentials });
    if (d.result !== AuthorizeResult.ALLOW)
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    return credentials;
  }

  /** Whether the caller may approve or reject this request, per the permission policy. */
  async function mayDecide(req: Request, id: string) {
    const credentials = await user(req);
    const request = await service.get(id);
    const [decision] = await permissions.authorizeConditional(
      [{ permission: opsRequestDecidePermission }],
      { credentials },
    );
    return {
      credentials,
      allowed: authorizeRequest(decision, service.toResource(request)),
    };
  }

  /** The caller as a requester; the body is parsed as an intent and nothing else. */
  async function requester(req: Request) {
    const credentials = await allowed(req, opsRequestCreatePermission);
    const intent = parseInput(changeIntentSchema, req.body);
    return {
      intent,
      requester: {
        userEntityRef: credentials.principal.userEntityRef,
        credentials,
      },
    };
  }

  router.post('/requests/preview', async (req, res) => {
    const { intent, requester: who } = await requester(req);
    res.json(await service.preview(intent, who));
  });

  router.post('/requests', async (req, res) => {
    const { intent, requester: who } = await requester(req);
    res.status(201).json(await service.create(intent, who));
  });

  router.get('/requests', async (req, res) => {
    const credentials = await allowed(req, opsRequestReadPermission);
    const { view } = parseInput(listQuery, req.query);
    const me = credentials.principal.userEntityRef;
    let items;
    if (view === 'mine')
      items = await store.list({ requestedBy: me.toLocaleLowerCase('en-US') });
    else if (view === 'awaiting') {
      items = (
        await store.list({ approverGroups: service.teamsOf(me) })
      ).filter(r => r.requestedBy !== me.toLocaleLowerCase('en-US'));
    } else items = await store.list({});
    res.json({ items });
  });

  router.get('/requests/:id', async (req, res) => {
    await allowed(req, opsRequestReadPermission);
    const request = await service.review(await service.get(req.params.id));
    const { allowed: canDecide } = await mayDecide(req, request.id);
    const detail: ChangeRequestDetail = {
      ...request,
      audit: await store.audit(request.id),
      canDecide,
    };
    res.json(detail);
  });

  /** The caller, if they may decide this request; 403 otherwise. */
  async function decider(req: Request, verb: string) {
    const { credentials, allowed: ok } = await mayDecide(req, req.params.id);
    if (!ok) {
      throw new NotAllowedError(
        `Only a member of a team whose approval is pending may ${verb}, and never the requester`,
      );
    }
    return credentials.principal.userEntityRef;
  }

  router.post('/requests/:id/approve', async (req, res) => {
    const { comment } = parseInput(approveBody, req.body ?? {});
    const actor = await decider(req, 'approve');
    res.json(await service.approve(req.params.id, actor, comment));
  });

  router.post('/requests/:id/reject', async (req, res) => {
    const { justification } = parseInput(rejectBody, req.body ?? {});
    const actor = await decider(req, 'reject');
    res.json(await service.reject(req.params.id, actor, justification));
  });

  return router;
}
