import {
  BackstageCredentials,
  BackstageUserInfo,
  DiscoveryService,
  LoggerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { decodeJwt } from 'jose';
import { CatalogOwnershipClaimsService } from './catalogOwnershipClaims';

/** Within this, a user's info is reused as is (Backstage's default caches 5 s). */
const FRESH_MS = 5_000;

/**
 * What LastKnownUserInfoService needs: where the auth backend is, the shared
 * cache and how stale an answer may be.
 *
 * @public
 */
export interface LastKnownUserInfoOptions {
  /** Finds the auth backend, whose `/v1/userinfo` is asked. */
  discovery: DiscoveryService;
  /** Warned each time an answer comes from the last known info or the catalog copy. */
  logger: LoggerService;
  /** Shared by every plugin of the backend: each user entity ref with its info and when it was fetched. */
  lastKnown: Map<string, { info: BackstageUserInfo; at: number }>;
  /** How stale an answer may be while the auth backend cannot answer. */
  maxStaleMs: number;
  /**
   * For a user this backend has not asked about yet: the groups the lookup
   * index's copy of the catalog lists them in (as the sign-in resolver would).
   */
  catalog?: CatalogOwnershipClaimsService;
  /** The clock, in epoch milliseconds; defaults to Date.now (tests set it). */
  now?: () => number;
}

/**
 * The user info service (user and ownership entity refs), as Backstage's
 * default reads it: from the token's `ent` claim, else from the auth
 * backend's `/v1/userinfo`, which reads the database. Plugins calling each
 * other on a user's behalf always send a limited token without `ent`, so
 * every permission check needs that read. This one also remembers each
 * user's last answer: while the auth backend cannot answer (its database is
 * down: a 5xx or no connection), a user whose token was just verified gets
 * the ownership it had at most `maxStaleMs` ago, or, if this backend never
 * asked about them, the groups the catalog copy of the lookup index lists
 * them in (as fresh). Anything else - a refused token, a user the catalog
 * does not know, an older answer - fails as before.
 *
 * @public
 */
export class LastKnownUserInfoService implements UserInfoService {
  constructor(private readonly options: LastKnownUserInfoOptions) {}

  /**
   * The user's entity ref and ownership refs: from the token's claim, else
   * the auth backend, else (while it cannot answer) the last known or catalog copy.
   */
  async getUserInfo(
    credentials: BackstageCredentials,
  ): Promise<BackstageUserInfo> {
    // Backstage keeps the verified token on the credentials, not enumerable.
    const token = (credentials as { token?: string }).token;
    const principal = credentials.principal as { type?: string };
    if (principal.type !== 'user' || !token) {
      throw new Error('Only user credentials with a token have user info');
    }
    const { sub, ent } = decodeJwt(token);
    if (typeof sub !== 'string') throw new Error('The token has no subject');
    if (Array.isArray(ent)) {
      return { userEntityRef: sub, ownershipEntityRefs: ent.map(String) };
    }
    const now = (this.options.now ?? Date.now)();
    const known = this.options.lastKnown.get(sub);
    if (known && now - known.at < FRESH_MS) return known.info;
    try {
      const info = await this.fetchUserInfo(token, sub);
      this.options.lastKnown.set(sub, { info, at: now });
      return info;
    } catch (error) {
      if (!authBackendUnavailable(error)) throw error;
      const fallback = this.fallback(sub, known, now);
      if (!fallback) throw error;
      this.options.logger.warn(
        `User info of ${sub} from ${fallback.from}, ${Math.round(
          (now - fallback.at) / 1000,
        )} s old: the auth backend cannot answer (${error})`,
      );
      return fallback.info;
    }
  }

  /** The last answer for this user, else the catalog copy's; neither older than allowed. */
  private fallback(
    sub: string,
    known: { info: BackstageUserInfo; at: number } | undefined,
    now: number,
  ) {
    const { maxStaleMs, catalog } = this.options;
    if (known && now - known.at <= maxStaleMs) {
      return { ...known, from: 'its last answer' };
    }
    const copy = catalog?.ownershipOf(sub);
    if (copy && now - copy.asOf.getTime() <= maxStaleMs) {
      return {
        info: {
          userEntityRef: sub,
          ownershipEntityRefs: copy.ownershipEntityRefs,
        },
        at: copy.asOf.getTime(),
        from: "the lookup index's copy of the catalog",
      };
    }
    return undefined;
  }

  private async fetchUserInfo(
    token: string,
    userEntityRef: string,
  ): Promise<BackstageUserInfo> {
    const base = await this.options.discovery.getBaseUrl('auth');
    const response = await fetch(`${base}/v1/userinfo`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    const { claims } = await response.json();
    const ent = claims?.ent;
    if (!Array.isArray(ent) || ent.some(r => typeof r !== 'string')) {
      throw new Error('Ownership entity refs must be an array of strings');
    }
    return { userEntityRef, ownershipEntityRefs: ent };
  }
}

/** No connection, or a 5xx: the auth backend (or its database) is down, the token was not refused. */
function authBackendUnavailable(error: unknown): boolean {
  if (error instanceof ResponseError) return error.statusCode >= 500;
  // fetch without a connection: a TypeError (of undici's realm, so by name)
  return (error as Error)?.name === 'TypeError';
}
