import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ApiRouter } from '@backstage/backend-openapi-utils';
import { BasicPermission } from '@backstage/plugin-permission-common';
import { opsPageCreatePermission } from '@integrated-ops/plugin-integrated-ops-common';
import { Request, Response } from 'express';
import { CanRead } from '../index/canRead';
import { OwnershipIndex } from '../index/OwnershipIndex';
import { PagingQuotaError } from '../paging/PageStore';
import { PagingService } from '../paging/PagingService';
import { spec } from '../schema/openapi';
import { requireUser } from './userOf';

export interface PageRoutesOptions {
  paging: PagingService;
  /** The lookup permission and what the caller may read (createRouter's). */
  authorizeLookup(req: Request<any, any, any, any>): Promise<{
    index: OwnershipIndex;
    canRead: CanRead;
    credentials: BackstageCredentials;
  }>;
  requirePermission(
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ): Promise<void>;
  now: () => Date;
}

/** The caller's user ref; pages are sent and acknowledged by people only. */
const userOf = (credentials: BackstageCredentials) =>
  requireUser(credentials, 'Pages are sent and acknowledged');

/** 429 with Retry-After (the next UTC hour), in Backstage's error body shape. */
function tooMany(
  req: Request,
  res: Response,
  error: PagingQuotaError,
  at: Date,
) {
  const nextHour = new Date(at);
  nextHour.setUTCMinutes(60, 0, 0);
  res
    .status(429)
    .set(
      'Retry-After',
      String(Math.ceil((nextHour.getTime() - at.getTime()) / 1000)),
    )
    .json({
      error: { name: 'TooManyRequestsError', message: error.message },
      request: { method: req.method, url: req.originalUrl },
      response: { statusCode: 429 },
    });
}

/**
 * POST /pages, GET /pages/{id}, POST /pages/{id}/acknowledge: paging from a
 * lookup answer. Reading a page needs the lookup permission and the entity
 * readable in the catalog; sending one needs integrated-ops.page.create too.
 */
export function addPageRoutes(
  router: ApiRouter<typeof spec>,
  options: PageRoutesOptions,
) {
  const { paging, authorizeLookup, requirePermission, now } = options;

  router.post('/pages', async (req, res) => {
    const { index, canRead, credentials } = await authorizeLookup(req);
    await requirePermission(credentials, opsPageCreatePermission);
    const at = now();
    try {
      const page = await paging.page(
        index,
        req.body,
        { userRef: userOf(credentials), canRead },
        at,
      );
      res.status(page.repeated ? 200 : 201).json(page);
    } catch (error) {
      if (!(error instanceof PagingQuotaError)) throw error;
      tooMany(req, res, error, at);
    }
  });

  router.get('/pages/:id', async (req, res) => {
    const { index, canRead, credentials } = await authorizeLookup(req);
    res.json(
      await paging.get(
        index,
        req.params.id,
        userOf(credentials),
        canRead,
        now(),
      ),
    );
  });

  router.post('/pages/:id/acknowledge', async (req, res) => {
    const { index, canRead, credentials } = await authorizeLookup(req);
    res.json(
      await paging.acknowledge(
        index,
        req.params.id,
        userOf(credentials),
        canRead,
        now(),
      ),
    );
  });
}
