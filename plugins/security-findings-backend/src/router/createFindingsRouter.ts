import { HttpAuthService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  afterSpecValidation,
  assertFactReader,
  databaseOutageErrors,
  specRouterOptions,
} from '@integrated-ops/plugin-integrated-ops-node';
import express from 'express';
import { createOpenApiRouter, spec } from '../schema/openapi';
import { FindingService } from '../service/FindingService';
import { ComponentFacts } from '../facts/componentFacts';
import { FindingsOverview } from '../overview/FindingsOverview';
import { FindingsKpis, kpisCsv } from '../overview/FindingsKpis';

/** What GET /facts answers. */
export interface ComponentFactsList {
  generatedAt: string;
  truncated: boolean;
  components: ComponentFacts[];
}

/**
 * The security-findings routes, exactly those of openapi.yaml (the generated
 * router): what breaks the spec is a 400 before any handler runs, a body
 * over the limit a 413 (counted as it is inflated and parsed).
 *
 * POST /reports: only service principals whose subject is one of
 * `reporters` (external-access tokens); a user or another service gets 403.
 * GET /facts: only plugins listed in `factReaders` (service tokens of
 * plugins, such as tech-insights' fact retriever); users get 401/403.
 * GET /findings, GET /findings/{id}: a user (or a plugin on a user's
 * behalf), for a component the catalog lets them read.
 */
export async function createFindingsRouter(options: {
  httpAuth: HttpAuthService;
  service: FindingService;
  overview: FindingsOverview;
  kpis: FindingsKpis;
  reporters: string[];
  /** Plugin ids whose service tokens may read GET /facts. */
  factReaders: string[];
  /** Every component's findings in numbers (GET /facts). */
  facts: () => Promise<ComponentFactsList>;
  maxReportMegabytes: number;
}): Promise<express.Router> {
  const { httpAuth, service, overview, kpis, reporters } = options;
  const maxBytes = Math.floor(options.maxReportMegabytes * 1024 * 1024);
  /** The reporter posting, or a 401/403 (users and unlisted services). */
  const reporterOf = async (req: express.Request) => {
    const { principal } = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    if (principal.type !== 'service') {
      throw new NotAllowedError(
        'Reports are posted by the scanners with their service tokens (integratedOps.securityFindings.reporters), not by users',
      );
    }
    if (!reporters.includes(principal.subject)) {
      throw new NotAllowedError(
        `${principal.subject} may not post reports (integratedOps.securityFindings.reporters)`,
      );
    }
    return principal.subject;
  };
  const router = await createOpenApiRouter(
    // Reports are read as they arrive: inflated (gzip, deflate, br) and
    // tokenized chunk by chunk, counting the inflated bytes - over the
    // limit is a 413 (specRouterOptions keeps it past the validator) - and
    // never held whole as text beside the parsed document.
    specRouterOptions({ jsonLimit: `${maxBytes}b`, streamedJson: true }),
  );
  router.use(...afterSpecValidation(spec));

  router.post('/reports', async (req, res) => {
    const subject = await reporterOf(req);
    const { entity, repository, image, tool, format } = req.query;
    res.json(
      await service.ingest({
        entity,
        repository,
        image,
        tool,
        format,
        body: req.body,
        reportedBy: subject,
      }),
    );
  });

  router.get('/findings', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { entity, limit = 500, severity } = req.query;
    res.json(await service.list(entity, limit, credentials, severity));
  });

  router.get('/facts', async (req, res) => {
    assertFactReader(
      await httpAuth.credentials(req, { allow: ['service'] }),
      options.factReaders,
      'integratedOps.securityFindings.factReaders',
    );
    res.json(await options.facts());
  });

  router.get('/overview', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await overview.overview(credentials, req.query.team));
  });

  router.get('/kpis', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { days = 90, format = 'json' } = req.query;
    const answer = await kpis.kpis(credentials, days);
    if (format === 'csv') {
      // The spec's text/csv answer: a string, not the JSON schema.
      (res as unknown as express.Response)
        .type('text/csv')
        .attachment(`security-findings-kpis-${days}d.csv`)
        .send(kpisCsv(answer.byTeam));
      return;
    }
    res.json(answer);
  });

  router.get('/findings/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await service.get(req.query.entity, req.params.id, credentials));
  });

  router.use(databaseOutageErrors('reports cannot be applied'));
  // Whoever may not post a report is refused before its body is read: a
  // large or hostile body costs only the reporters listed.
  const guarded = express.Router();
  guarded.use('/reports', (req, _res, next) => {
    if (req.method !== 'POST') next();
    else reporterOf(req).then(() => next(), next);
  });
  guarded.use(router);
  return guarded;
}
