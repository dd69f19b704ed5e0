import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  afterSpecValidation,
  specRouterOptions,
} from '@integrated-ops/plugin-integrated-ops-node';
import express from 'express';
import { createOpenApiRouter, spec } from '../schema/openapi';
import { ScorecardService } from '../service/ScorecardService';

/**
 * GET /entity?entity=: an entity's scorecard, for a signed-in user or a
 * service. No permission of its own: what a caller may see is what the
 * catalog lets them read. Routes and parameters are openapi.yaml's.
 */
export async function createScorecardsRouter(options: {
  httpAuth: HttpAuthService;
  service: ScorecardService;
}): Promise<express.Router> {
  const { httpAuth, service } = options;
  const router = await createOpenApiRouter(
    specRouterOptions({ jsonLimit: '16kb' }),
  );
  router.use(...afterSpecValidation(spec));

  router.get('/entity', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await service.entity(req.query.entity, credentials));
  });

  return router;
}
