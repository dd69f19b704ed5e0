import {
  BackstageUserInfo,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { LastKnownUserInfoService } from './LastKnownUserInfoService';
import { catalogOwnershipClaimsServiceRef } from './catalogOwnershipClaims';

/**
 * Replaces Backstage's user info service with one that keeps answering for
 * signed-in users while the database is down (LastKnownUserInfoService):
 * `backend.add(lastKnownUserInfoServiceFactory)`. How stale an answer may
 * get: `integratedOps.userInfo.lastKnownMinutes` (default 60, the life of a
 * sign-in token, whose own claims are as old).
 *
 * @public
 */
export const lastKnownUserInfoServiceFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {
    discovery: coreServices.discovery,
    logger: coreServices.logger,
    config: coreServices.rootConfig,
    catalog: catalogOwnershipClaimsServiceRef,
  },
  createRootContext() {
    return new Map<string, { info: BackstageUserInfo; at: number }>();
  },
  factory({ discovery, logger, config, catalog }, lastKnown) {
    const minutes =
      config.getOptionalNumber('integratedOps.userInfo.lastKnownMinutes') ?? 60;
    return new LastKnownUserInfoService({
      discovery,
      logger,
      lastKnown,
      maxStaleMs: minutes * 60_000,
      catalog,
    });
  },
});
