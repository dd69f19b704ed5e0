import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { bearerFetchApi } from '@integrated-ops/plugin-integrated-ops-common';
import { RiskFinding } from '@integrated-ops/plugin-ops-requests-common';
import { FindingDirectory } from '@integrated-ops/plugin-ops-requests-node';
import { SecurityFindingsApiClient } from '@integrated-ops/plugin-security-findings-common';

/**
 * A finding as the security-findings plugin answers it (`GET
 * /findings/{id}`), asked on the requester's behalf: a component the
 * requester may not read has no finding for them. Nothing of it comes from
 * the request but the id.
 */
export class SecurityFindingsDirectory implements FindingDirectory {
  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      fetch?: typeof fetch;
    },
  ) {}

  async finding(
    entityRef: string,
    id: string,
    credentials: BackstageCredentials,
  ): Promise<RiskFinding | undefined> {
    const { discovery, auth } = this.options;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'security-findings',
    });
    const client = new SecurityFindingsApiClient({
      discoveryApi: discovery,
      fetchApi: bearerFetchApi(async () => token, this.options.fetch),
    });
    try {
      const f = await client.getFinding(
        { entity: entityRef, id },
        { signal: AbortSignal.timeout(10_000) },
      );
      return {
        id: f.id,
        severity: f.severity,
        discipline: f.discipline,
        title: f.title,
        tool: f.tool,
        ruleId: f.ruleId,
        status: f.status,
        ...(f.acceptance ? { acceptedUntil: f.acceptance.until } : {}),
      };
    } catch (error) {
      if (error instanceof ResponseError && error.response.status === 404) {
        return undefined;
      }
      throw error;
    }
  }
}
