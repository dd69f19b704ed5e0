/* eslint-disable new-cap -- openapi-fetch names its methods GET and POST */
import {
  dataOf,
  JsonClient,
  PluginApiCallOptions,
  PluginApiClientOptions,
  pluginApiClient,
} from '@integrated-ops/plugin-integrated-ops-common';
import type { GovernanceKpis } from '../kpiTypes';
import type {
  CalendarResponse,
  ChangePlan,
  ChangeRequest,
  ChangeRequestDetail,
  RecertificationReport,
} from '../requestTypes';
import type { ChangeIntentInput } from '../requests/changeIntent';
import type { components, paths } from '../schema/openapi/generated/types';

/**
 * The spec states a stored request's `intent` as an intent is asked
 * (defaults unfilled) and its audit states as strings; the backend answers
 * the parsed intent and request states, as the wire types say.
 */
const asRequest = (request: components['schemas']['ChangeRequest']) =>
  request as ChangeRequest;

/** The routes that decide a request, and what each takes. */
type DecisionPath =
  | '/requests/{id}/approve'
  | '/requests/{id}/reject'
  | '/requests/{id}/confirm'
  | '/requests/{id}/revoke'
  | '/requests/{id}/hand-over';
type DecisionBody<P extends DecisionPath> = NonNullable<
  paths[P]['post']['requestBody']
>['content']['application/json'];

/**
 * What the calendar and the KPIs are asked about: a team's or a system's
 * (group or system ref; neither: the whole portal), from..to (ISO instants;
 * the backend's defaults when absent).
 *
 * @public
 */
export interface OpsRequestsPeriodFilter {
  /** A group ref: only that team's requests; absent: every team's. */
  team?: string;
  /** A system ref: only requests whose targets are in it; absent: every system's. */
  system?: string;
  /** Start of the period (ISO instant); absent: the backend's default for the call. */
  from?: string;
  /** End of the period (ISO instant); absent: the backend's default for the call. */
  to?: string;
}

/**
 * Client of the ops-requests backend, built with openapi-fetch over the
 * types generated from its openapi.yaml: each call's path, parameters and
 * body are checked against the spec when this package compiles, and answers
 * come as the package's wire types. Any answer but 2xx rejects with a
 * `ResponseError` (from `@backstage/errors`).
 *
 * @public
 */
export class OpsRequestsApiClient {
  readonly #client: () => Promise<JsonClient<paths>>;

  constructor(options: PluginApiClientOptions) {
    this.#client = pluginApiClient<paths>('ops-requests', options);
  }

  /** `POST /requests/preview`: what filing this intent would do; files nothing. */
  async previewRequest(
    intent: ChangeIntentInput,
    options?: PluginApiCallOptions,
  ): Promise<ChangePlan> {
    const client = await this.#client();
    return dataOf(
      client.POST('/requests/preview', { body: intent, ...options }),
    );
  }

  /** `POST /requests`: file a change request from its intent. */
  async createRequest(
    intent: ChangeIntentInput,
    options?: PluginApiCallOptions,
  ): Promise<ChangeRequest> {
    const client = await this.#client();
    return asRequest(
      await dataOf(client.POST('/requests', { body: intent, ...options })),
    );
  }

  /** `GET /requests`: mine, awaiting my approval, or all; newest first. */
  async listRequests(
    query: {
      view?: 'mine' | 'awaiting' | 'all';
      target?: string;
      before?: string;
    },
    options?: PluginApiCallOptions,
  ): Promise<{ items: ChangeRequest[] }> {
    const client = await this.#client();
    const { items } = await dataOf(
      client.GET('/requests', { params: { query }, ...options }),
    );
    return { items: items.map(asRequest) };
  }

  /** `GET /requests/{id}`: one request with its audit trail. */
  async getRequest(
    id: string,
    options?: PluginApiCallOptions,
  ): Promise<ChangeRequestDetail> {
    const client = await this.#client();
    const detail = await dataOf(
      client.GET('/requests/{id}', { params: { path: { id } }, ...options }),
    );
    return detail as ChangeRequestDetail;
  }

  /** `POST /requests/{id}/approve`. */
  approveRequest(
    id: string,
    body: { comment?: string },
    options?: PluginApiCallOptions,
  ): Promise<ChangeRequest> {
    return this.#decide('/requests/{id}/approve', id, body, options);
  }

  /** `POST /requests/{id}/reject`, with a justification the requester sees. */
  rejectRequest(
    id: string,
    body: { justification: string },
    options?: PluginApiCallOptions,
  ): Promise<ChangeRequest> {
    return this.#decide('/requests/{id}/reject', id, body, options);
  }

  /** `POST /requests/{id}/confirm`: break-glass in post-review, kept. */
  confirmRequest(
    id: string,
    body: { comment?: string },
    options?: PluginApiCallOptions,
  ): Promise<ChangeRequest> {
    return this.#decide('/requests/{id}/confirm', id, body, options);
  }

  /** `POST /requests/{id}/revoke`: break-glass in post-review, revoked now. */
  revokeRequest(
    id: string,
    body: { justification: string },
    options?: PluginApiCallOptions,
  ): Promise<ChangeRequest> {
    return this.#decide('/requests/{id}/revoke', id, body, options);
  }

  /** `POST /requests/{id}/hand-over`: a re-certification handed to another team. */
  handOverRequest(
    id: string,
    body: { to: string; comment?: string },
    options?: PluginApiCallOptions,
  ): Promise<ChangeRequest> {
    return this.#decide('/requests/{id}/hand-over', id, body, options);
  }

  /** A decision on a request: its route's body, the request after it. */
  async #decide<P extends DecisionPath>(
    path: P,
    id: string,
    body: DecisionBody<P>,
    options?: PluginApiCallOptions,
  ): Promise<ChangeRequest> {
    const client = await this.#client();
    const decided = await dataOf(
      client.POST(path as DecisionPath, {
        params: { path: { id } },
        body: body as DecisionBody<DecisionPath>,
        ...options,
      }),
    );
    return asRequest(decided);
  }

  /** `GET /recertifications`: where each declaration of a typed owner stands. */
  async recertifications(
    options?: PluginApiCallOptions,
  ): Promise<RecertificationReport> {
    const client = await this.#client();
    return dataOf(client.GET('/recertifications', { ...options }));
  }

  /** `GET /calendar`: freezes and dated steps of requests, in time order. */
  async calendar(
    query: OpsRequestsPeriodFilter,
    options?: PluginApiCallOptions,
  ): Promise<CalendarResponse> {
    const client = await this.#client();
    return dataOf(client.GET('/calendar', { params: { query }, ...options }));
  }

  /** `GET /calendar.ics`: the same as iCalendar. */
  async calendarIcs(
    query: OpsRequestsPeriodFilter,
    options?: PluginApiCallOptions,
  ): Promise<Blob> {
    const client = await this.#client();
    return dataOf(
      client.GET('/calendar.ics', {
        params: { query },
        parseAs: 'blob',
        ...options,
      }),
    );
  }

  /** `GET /kpis` as JSON: governance KPIs of the portal, a team or a system. */
  async kpis(
    query: OpsRequestsPeriodFilter,
    options?: PluginApiCallOptions,
  ): Promise<GovernanceKpis> {
    const client = await this.#client();
    return dataOf(client.GET('/kpis', { params: { query }, ...options }));
  }

  /** `GET /kpis` as CSV, as the backend renders it. */
  async kpisCsv(
    query: OpsRequestsPeriodFilter,
    options?: PluginApiCallOptions,
  ): Promise<Blob> {
    const client = await this.#client();
    return dataOf(
      client.GET('/kpis', {
        params: { query: { ...query, format: 'csv' } },
        parseAs: 'blob',
        ...options,
      }),
    );
  }
}
