import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { lowerRef } from '@integrated-ops/plugin-integrated-ops-common';
import { lookupClientAsPlugin } from '@integrated-ops/plugin-integrated-ops-node';
import { OnCallDirectory } from '@integrated-ops/plugin-ops-requests-node';

/**
 * Who is on call, asked of the incident lookup (integrated-ops) as this
 * plugin: the same answer the lookup page gives, YAML rotations and on-call
 * vendors alike. A lookup that cannot answer means "not on call": break-glass
 * then falls back to a normal request rather than opening anything.
 */
export class LookupOnCallDirectory implements OnCallDirectory {
  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      fetch?: typeof fetch;
    },
  ) {}

  async onCallFor(
    userRef: string,
    teamRefs: string[],
  ): Promise<string | undefined> {
    const { logger } = this.options;
    const lookup = await lookupClientAsPlugin(this.options)();
    const me = lowerRef(userRef);
    for (const team of teamRefs) {
      try {
        const answer = await lookup.teamOnCall(
          { team },
          { signal: AbortSignal.timeout(5000) },
        );
        if (
          answer.onCall.some(s => s.person && lowerRef(s.person.ref) === me)
        ) {
          return team;
        }
      } catch (error) {
        logger.warn(
          error instanceof ResponseError
            ? `On-call of ${team}: the lookup answered ${error.response.status}`
            : `On-call of ${team}: ${error}`,
        );
      }
    }
    return undefined;
  }
}
