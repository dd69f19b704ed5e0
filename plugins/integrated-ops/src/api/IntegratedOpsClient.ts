import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import {
  BlastRadiusResponse,
  CoverageResponse,
  IndexStatus,
  IntegratedOpsApiClient,
  LookupResponse,
  OwnershipTimeline,
  Incident,
  Page,
  PageRequest,
  ResponseKpis,
  TeamOnCall,
  UnroutedAlertsResponse,
} from '@integrated-ops/plugin-integrated-ops-common';
import { IntegratedOpsApi } from './IntegratedOpsApi';

/**
 * Talks to the integrated-ops backend with the signed-in user's token,
 * through the client generated from the backend's openapi.yaml.
 */
export class IntegratedOpsClient implements IntegratedOpsApi {
  private readonly client: IntegratedOpsApiClient;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.client = new IntegratedOpsApiClient(options);
  }

  lookup(q: string, options: { asOf?: string } = {}): Promise<LookupResponse> {
    return this.client.lookup({
      q,
      ...(options.asOf ? { asOf: options.asOf } : {}),
    });
  }

  ownershipHistory(entityRef: string): Promise<OwnershipTimeline> {
    return this.client.ownershipHistory({ entity: entityRef });
  }

  blastRadius(entityRef: string, depth: number): Promise<BlastRadiusResponse> {
    return this.client.blastRadius({ entity: entityRef, depth });
  }

  teamOnCall(teamRef: string): Promise<TeamOnCall & { index: IndexStatus }> {
    return this.client.teamOnCall({ team: teamRef });
  }

  coverage(): Promise<CoverageResponse> {
    return this.client.coverage();
  }

  coverageCsv(): Promise<Blob> {
    return this.client.coverageCsv();
  }

  indexStatus(): Promise<IndexStatus> {
    return this.client.indexStatus();
  }

  unroutedAlerts(): Promise<UnroutedAlertsResponse> {
    return this.client.unroutedAlerts();
  }

  page(request: PageRequest): Promise<Page> {
    return this.client.page(request);
  }

  getPage(id: string): Promise<Page> {
    return this.client.getPage(id);
  }

  acknowledgePage(id: string): Promise<Page> {
    return this.client.acknowledgePage(id);
  }

  incident(id: string): Promise<Incident> {
    return this.client.incident(id);
  }

  acknowledgeIncident(id: string): Promise<Incident> {
    return this.client.acknowledgeIncident(id);
  }

  responseKpis(filter: { days: number; team?: string }): Promise<ResponseKpis> {
    return this.client.responseKpis(filter);
  }

  responseKpisCsv(filter: { days: number; team?: string }): Promise<Blob> {
    return this.client.responseKpisCsv(filter);
  }
}
