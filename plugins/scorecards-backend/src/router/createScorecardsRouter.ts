import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  afterSpecValidation,
  specRouterOptions,
} from '@integrated-ops/plugin-integrated-ops-node';
import express from 'express';
import { createOpenApiRouter, spec } from '../schema/openapi';
import { ScorecardService } from '../service/ScorecardService';
import { CampaignService } from '../campaigns/CampaignService';
import { campaignCsv } from '../campaigns/campaignCsv';

/**
 * GET /entity?entity=: an entity's scorecard; GET /campaigns and
 * /campaigns/{id}[?format=csv]: campaigns, for a signed-in user or a
 * service. No permission of its own: what a caller may see is what the
 * catalog lets them read. Routes and parameters are openapi.yaml's.
 */
export async function createScorecardsRouter(options: {
  httpAuth: HttpAuthService;
  service: ScorecardService;
  campaigns: CampaignService;
}): Promise<express.Router> {
  const { httpAuth, service, campaigns } = options;
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

  router.get('/campaigns', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json({ items: await campaigns.list(credentials) });
  });

  router.get('/campaigns/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const campaign = await campaigns.get(req.params.id, credentials);
    if (req.query.format === 'csv') {
      res
        .type('text/csv')
        .attachment(`campaign-${campaign.campaign.id}.csv`)
        // The spec's text/csv answer; the typed send() knows only its JSON.
        .end(campaignCsv(campaign));
      return;
    }
    res.json(campaign);
  });

  return router;
}
