import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  bearerFetchApi,
  IntegratedOpsApiClient,
} from '@integrated-ops/plugin-integrated-ops-common';
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
  const { discovery, auth, logger } = options;
  return async team => {
    try {
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId: 'integrated-ops',
      });
      const lookup = new IntegratedOpsApiClient({
        discoveryApi: discovery,
        fetchApi: bearerFetchApi(async () => token),
      });
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
