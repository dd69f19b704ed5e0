import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ChangeIntentInput,
  ChangePlan,
  ChangeRequest,
  ChangeRequestDetail,
  CalendarResponse,
  GovernanceKpis,
} from '@integrated-ops/plugin-ops-requests-common';
import {
  CalendarFilterInput,
  KpiFilterInput,
  OpsRequestsApi,
} from './OpsRequestsApi';

const kpiQuery = (filter: KpiFilterInput) => {
  const to = new Date();
  const from = new Date(to.getTime() - filter.days * 86_400_000);
  return new URLSearchParams({
    ...(filter.team ? { team: filter.team } : {}),
    ...(filter.system ? { system: filter.system } : {}),
    from: from.toISOString(),
    to: to.toISOString(),
  }).toString();
};

const calendarQuery = (filter: CalendarFilterInput) =>
  new URLSearchParams(
    Object.entries(filter).filter(([, v]) => !!v) as [string, string][],
  ).toString();

/** Talks to the ops-requests backend with the signed-in user's token. */
export class OpsRequestsClient implements OpsRequestsApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  async listRequests(
    view: 'mine' | 'awaiting' | 'all',
  ): Promise<ChangeRequest[]> {
    const query = new URLSearchParams({ view });
    return (await this.call<{ items: ChangeRequest[] }>(`/requests?${query}`))
      .items;
  }

  getRequest(id: string): Promise<ChangeRequestDetail> {
    return this.call(`/requests/${encodeURIComponent(id)}`);
  }

  approveRequest(id: string, comment?: string): Promise<ChangeRequest> {
    return this.call(`/requests/${encodeURIComponent(id)}/approve`, {
      comment,
    });
  }

  rejectRequest(id: string, justification: string): Promise<ChangeRequest> {
    return this.call(`/requests/${encodeURIComponent(id)}/reject`, {
      justification,
    });
  }

  confirmRequest(id: string, comment?: string): Promise<ChangeRequest> {
    return this.call(`/requests/${encodeURIComponent(id)}/confirm`, {
      comment,
    });
  }

  revokeRequest(id: string, justification: string): Promise<ChangeRequest> {
    return this.call(`/requests/${encodeURIComponent(id)}/revoke`, {
      justification,
    });
  }

  handOverRequest(
    id: string,
    to: string,
    comment?: string,
  ): Promise<ChangeRequest> {
    return this.call(`/requests/${encodeURIComponent(id)}/hand-over`, {
      to,
      comment,
    });
  }

  calendar(filter: CalendarFilterInput): Promise<CalendarResponse> {
    return this.call(`/calendar?${calendarQuery(filter)}`);
  }

  async calendarIcs(filter: CalendarFilterInput): Promise<Blob> {
    const base = await this.options.discoveryApi.getBaseUrl('ops-requests');
    const response = await this.options.fetchApi.fetch(
      `${base}/calendar.ics?${calendarQuery(filter)}`,
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.blob();
  }

  kpis(filter: KpiFilterInput): Promise<GovernanceKpis> {
    return this.call(`/kpis?${kpiQuery(filter)}`);
  }

  async kpisCsv(filter: KpiFilterInput): Promise<Blob> {
    const base = await this.options.discoveryApi.getBaseUrl('ops-requests');
    const response = await this.options.fetchApi.fetch(
      `${base}/kpis?${kpiQuery(filter)}&format=csv`,
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.blob();
  }

  previewRequest(intent: ChangeIntentInput): Promise<ChangePlan> {
    return this.call('/requests/preview', intent);
  }

  /** GET, or POST when there is a body; a non-2xx answer is a ResponseError. */
  private async call<T>(path: string, body?: object): Promise<T> {
    const base = await this.options.discoveryApi.getBaseUrl('ops-requests');
    const response = await this.options.fetchApi.fetch(
      `${base}${path}`,
      body
        ? {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          }
        : undefined,
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.json();
  }
}
