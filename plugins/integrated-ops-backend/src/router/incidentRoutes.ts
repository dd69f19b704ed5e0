import { ApiRouter } from '@backstage/backend-openapi-utils';
import { IncidentService } from '../incidents/IncidentService';
import { responseCsv } from '../incidents/responseCsv';
import { spec } from '../schema/openapi';
import { PageRoutesOptions } from './pageRoutes';
import { requireUser, userRefOf } from './userOf';

export interface IncidentRoutesOptions
  extends Pick<
    PageRoutesOptions,
    'authorizeLookup' | 'requirePermission' | 'now'
  > {
  incidents: IncidentService;
  /** The caller may read the coverage figures; what they may read in the catalog. */
  authorizeCoverage: PageRoutesOptions['authorizeLookup'];
}

/**
 * GET /incidents/response (coverage permission), GET /incidents/{id} and
 * POST /incidents/{id}/acknowledge (lookup permission, the entity readable).
 */
export function addIncidentRoutes(
  router: ApiRouter<typeof spec>,
  options: IncidentRoutesOptions,
) {
  const { incidents, authorizeLookup, authorizeCoverage, now } = options;

  router.get('/incidents/response', async (req, res) => {
    const { canRead } = await authorizeCoverage(req);
    const { days = 30, team, format = 'json' } = req.query;
    const kpis = await incidents.response(canRead, { days, team }, now());
    if (format === 'csv') {
      res
        .type('text/csv')
        .attachment('ops-response-times.csv')
        // The spec's text/csv answer; the typed send() knows only its JSON.
        .end(responseCsv(kpis));
      return;
    }
    res.json(kpis);
  });

  router.get('/incidents/:id', async (req, res) => {
    const { index, canRead, credentials } = await authorizeLookup(req);
    res.json(
      await incidents.get(
        index,
        req.params.id,
        userRefOf(credentials),
        canRead,
        now(),
      ),
    );
  });

  router.post('/incidents/:id/acknowledge', async (req, res) => {
    const { index, canRead, credentials } = await authorizeLookup(req);
    const user = requireUser(credentials, 'Incidents are acknowledged');
    res.json(
      await incidents.acknowledge(index, req.params.id, user, canRead, now()),
    );
  });
}
