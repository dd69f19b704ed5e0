import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { lookupClientAsPlugin } from '@integrated-ops/plugin-integrated-ops-node';
import { TeamOnCall } from './BreachNotifier';

/**
 * Who is on call for a team, asked of the incident lookup (integrated-ops)
 * as this plugin: YAML rotations and on-call vendors alike. A lookup that
 * cannot answer means nobody more than the team itself is told.
 */
export function lookupTeamOnCall(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  logger: LoggerService;
}): TeamOnCall {
  const { logger } = options;
  const client = lookupClientAsPlugin(options);
  return async team => {
    try {
      const lookup = await client();
      const answer = await lookup.teamOnCall(
        { team },
        { signal: AbortSignal.timeout(5000) },
      );
      return answer.onCall.flatMap(s => (s.person ? [s.person.ref] : []));
    } catch (error) {
      logger.warn(
        `On-call of ${team} unknown, the team alone is told: ${error}`,
      );
      return [];
    }
  };
}
