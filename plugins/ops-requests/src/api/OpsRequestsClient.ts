import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import {
  ChangeIntentInput,
  ChangePlan,
  ChangeRequest,
  ChangeRequestDetail,
  CalendarResponse,
  GovernanceKpis,
  OpsRequestsApiClient,
} from '@integrated-ops/plugin-ops-requests-common';
import {
  CalendarFilterInput,
  KpiFilterInput,
  OpsRequestsApi,
} from './OpsRequestsApi';

const kpiQuery = (filter: KpiFilterInput) => {
  const to = new Date();
  const from = new Date(to.getTime() - filter.days * 86_400_000);
  return {
    ...(filter.team ? { team: filter.team } : {}),
    ...(filter.system ? { system: filter.system } : {}),
    from: from.toISOString(),
    to: to.toISOString(),
  };
};

/** The filters that are set (an empty one is no filter). */
const calendarQuery = (filter: CalendarFilterInput): CalendarFilterInput =>
  Object.fromEntries(Object.entries(filter).filter(([, v]) => !!v));

/**
 * Talks to the ops-requests backend with the signed-in user's token,
 * through the client generated from the backend's openapi.yaml.
 */
export class OpsRequestsClient implements OpsRequestsApi {
  private readonly client: OpsRequestsApiClient;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.client = new OpsRequestsApiClient(options);
  }

  async listRequests(
    view: 'mine' | 'awaiting' | 'all',
  ): Promise<ChangeRequest[]> {
    return (await this.client.listRequests({ view })).items;
  }

  getRequest(id: string): Promise<ChangeRequestDetail> {
    return this.client.getRequest(id);
  }

  approveRequest(id: string, comment?: string): Promise<ChangeRequest> {
    return this.client.approveRequest(id, { comment });
  }

  rejectRequest(id: string, justification: string): Promise<ChangeRequest> {
    return this.client.rejectRequest(id, { justification });
  }

  confirmRequest(id: string, comment?: string): Promise<ChangeRequest> {
    return this.client.confirmRequest(id, { comment });
  }

  revokeRequest(id: string, justification: string): Promise<ChangeRequest> {
    return this.client.revokeRequest(id, { justification });
  }

  handOverRequest(
    id: string,
    to: string,
    comment?: string,
  ): Promise<ChangeRequest> {
    return this.client.handOverRequest(id, { to, comment });
  }

  calendar(filter: CalendarFilterInput): Promise<CalendarResponse> {
    return this.client.calendar(calendarQuery(filter));
  }

  calendarIcs(filter: CalendarFilterInput): Promise<Blob> {
    return this.client.calendarIcs(calendarQuery(filter));
  }

  kpis(filter: KpiFilterInput): Promise<GovernanceKpis> {
    return this.client.kpis(kpiQuery(filter));
  }

  kpisCsv(filter: KpiFilterInput): Promise<Blob> {
    return this.client.kpisCsv(kpiQuery(filter));
  }

  previewRequest(intent: ChangeIntentInput): Promise<ChangePlan> {
    return this.client.previewRequest(intent);
  }
}
