import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  BlastRadiusResponse,
  CoverageResponse,
  IndexStatus,
  LookupResponse,
  OwnershipTimeline,
  TeamOnCall,
  UnroutedAlertsResponse,
} from '@integrated-ops/plugin-integrated-ops-common';
import { IntegratedOpsApi } from './IntegratedOpsApi';

/** Talks to the integrated-ops backend with the signed-in user's token. */
export class IntegratedOpsClient implements IntegratedOpsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  lookup(q: string, options: { asOf?: string } = {}): Promise<LookupResponse> {
    return this.getJson('/lookup', {
      q,
      ...(options.asOf ? { asOf: options.asOf } : {}),
    });
  }

  ownershipHistory(entityRef: string): Promise<OwnershipTimeline> {
    return this.getJson('/history', { entity: entityRef });
  }

  blastRadius(entityRef: string, depth: number): Promise<BlastRadiusResponse> {
    return this.getJson('/blast-radius', {
      entity: entityRef,
      depth: String(depth),
    });
  }

  teamOnCall(teamRef: string): Promise<TeamOnCall & { index: IndexStatus }> {
    return this.getJson('/teams/on-call', { team: teamRef });
  }

  coverage(): Promise<CoverageResponse> {
    return this.getJson('/coverage', { format: 'json' });
  }

  async coverageCsv(): Promise<Blob> {
    return (await this.get('/coverage', { format: 'csv' })).blob();
  }

  indexStatus(): Promise<IndexStatus> {
    return this.getJson('/index-status', {});
  }

  unroutedAlerts(): Promise<UnroutedAlertsResponse> {
    return this.getJson('/alerts/unrouted', {});
  }

  private async getJson<T>(
    path: string,
    params: Record<string, string>,
  ): Promise<T> {
    return (await this.get(path, params)).json();
  }

  private async get(
    path: string,
    params: Record<string, string>,
  ): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('integrated-ops');
    const query = new URLSearchParams(params).toString();
    const response = await this.fetchApi.fetch(
      `${baseUrl}${path}${query ? `?${query}` : ''}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
