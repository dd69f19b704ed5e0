import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  lowerRef,
  TeamOnCall,
} from '@integrated-ops/plugin-integrated-ops-common';
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
    const { discovery, auth, logger } = this.options;
    const doFetch = this.options.fetch ?? fetch;
    const baseUrl = await discovery.getBaseUrl('integrated-ops');
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'integrated-ops',
    });
    const me = lowerRef(userRef);
    for (const team of teamRefs) {
      const url = `${baseUrl}/teams/on-call?team=${encodeURIComponent(team)}`;
      try {
        const res = await doFetch(url, {
          headers: { Authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(5000),
        });
        if (!res.ok) {
          logger.warn(`On-call of ${team}: the lookup answered ${res.status}`);
          continue;
        }
        const answer = (await res.json()) as TeamOnCall;
        if (
          answer.onCall.some(s => s.person && lowerRef(s.person.ref) === me)
        ) {
          return team;
        }
      } catch (error) {
        logger.warn(`On-call of ${team}: ${error}`);
      }
    }
    return undefined;
  }
}
