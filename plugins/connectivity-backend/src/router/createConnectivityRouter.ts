import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  afterSpecValidation,
  specRouterOptions,
} from '@integrated-ops/plugin-integrated-ops-node';
import express from 'express';
import { ConnectivityService } from '../model/ConnectivityService';
import { createOpenApiRouter, spec } from '../schema/openapi';

/**
 * The connectivity routes: reach, inbound and outbound, for a signed-in user
 * or a service. No permission of their own: what a caller sees is what the
 * catalog lets them read (entities resolved and peers filtered with their
 * credentials). Routes and parameters are those of openapi.yaml (the
 * generated router): what breaks it is a 400 before any handler runs.
 */
export async function createConnectivityRouter(options: {
  httpAuth: HttpAuthService;
  service: ConnectivityService;
}): Promise<express.Router> {
  const { httpAuth, service } = options;
  // Only GETs with short query strings: no body is read.
  const router = await createOpenApiRouter(
    specRouterOptions({ jsonLimit: '64kb' }),
  );
  router.use(...afterSpecValidation(spec));

  router.get('/reach', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { from, to, port } = req.query;
    res.json(await service.reach({ from, to, port }, credentials));
  });

  router.get('/inbound', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await service.connections('inbound', req.query.to, credentials));
  });

  router.get('/outbound', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(
      await service.connections('outbound', req.query.from, credentials),
    );
  });

  return router;
}
