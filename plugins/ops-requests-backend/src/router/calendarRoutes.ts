import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  lowerRef,
  parseInput,
  tryNormalizeEntityRef,
} from '@integrated-ops/plugin-integrated-ops-common';
import {
  CalendarResponse,
  opsRequestReadPermission,
} from '@integrated-ops/plugin-ops-requests-common';
import { loadChangePolicy } from '@integrated-ops/plugin-ops-requests-node';
import { ApiRouter } from '@backstage/backend-openapi-utils';
import { Request } from 'express';
import { spec } from '../schema/openapi';
import { calendarEntries } from '../calendar/calendarEntries';
import { calendarIcs } from '../calendar/calendarIcs';
import { RequestStore } from '../requests/RequestStore';
import { calendarQuery } from './requestSchemas';

export interface CalendarRoutesOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  store: RequestStore;
  catalog: CatalogService;
  policyFile: string;
  recertifyAfterDays: number;
  portalUrl: string;
  now?: () => Date;
}

const DAY_MS = 86_400_000;

/** The systems of the targets, as the caller may read them in the catalog. */
async function systemsOf(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  targets: string[],
) {
  const refs = [...new Set(targets.map(lowerRef))];
  if (!refs.length) return new Map<string, string>();
  const { items } = await catalog.getEntitiesByRefs(
    { entityRefs: refs, fields: ['kind', 'metadata', 'spec.system'] },
    { credentials },
  );
  const out = new Map<string, string>();
  items.forEach((entity, i) => {
    const system = tryNormalizeEntityRef(entity?.spec?.system, {
      defaultKind: 'system',
      defaultNamespace: entity?.metadata.namespace,
    });
    if (system) out.set(refs[i], system);
  });
  return out;
}

/**
 * GET /calendar (JSON) and GET /calendar.ics (iCalendar): freezes, planned
 * applies, expiries, break-glass reviews and re-certifications, filterable
 * by team and system; the permission to read requests.
 */
export function addCalendarRoutes(
  router: ApiRouter<typeof spec>,
  options: CalendarRoutesOptions,
) {
  const now = options.now ?? (() => new Date());

  async function calendar(req: Request): Promise<CalendarResponse> {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user'],
    });
    const [decision] = await options.permissions.authorize(
      [{ permission: opsRequestReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed: ${opsRequestReadPermission.name}`,
      );
    }
    const query = parseInput(calendarQuery, req.query);
    const from = query.from ? new Date(query.from) : now();
    const to = query.to
      ? new Date(query.to)
      : new Date(from.getTime() + 30 * DAY_MS);
    const requests = await options.store.list({ limit: 200 });
    const systems = query.system
      ? await systemsOf(
          options.catalog,
          credentials,
          requests.flatMap(r => r.targets),
        )
      : new Map<string, string>();
    const entries = calendarEntries({
      policy: await loadChangePolicy(options.policyFile),
      requests,
      from,
      to,
      recertifyAfterDays: options.recertifyAfterDays,
      filter: {
        team:
          query.team &&
          tryNormalizeEntityRef(query.team, { defaultKind: 'group' }),
        system:
          query.system &&
          tryNormalizeEntityRef(query.system, { defaultKind: 'system' }),
        systemOf: ref => systems.get(lowerRef(ref)),
      },
    });
    return { from: from.toISOString(), to: to.toISOString(), entries };
  }

  router.get('/calendar', async (req, res) => {
    res.json(await calendar(req));
  });

  router.get('/calendar.ics', async (req, res) => {
    const { entries } = await calendar(req);
    res
      .type('text/calendar')
      .attachment('change-calendar.ics')
      .send(calendarIcs(entries, options.portalUrl));
  });
}
