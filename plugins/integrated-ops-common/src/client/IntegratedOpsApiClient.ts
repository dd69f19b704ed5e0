/* eslint-disable new-cap -- openapi-fetch names its methods GET and POST */
import type {
  BlastRadiusResponse,
  CoverageResponse,
  IndexStatus,
  LookupDetail,
  LookupResponse,
  Incident,
  Page,
  PageRequest,
  ResponseKpis,
  TeamOnCall,
  UnroutedAlertsResponse,
} from '../lookupTypes';
import type { OwnershipTimeline } from '../historyTypes';
import type { paths } from '../schema/openapi/generated/types';
import {
  dataOf,
  JsonClient,
  PluginApiCallOptions,
  PluginApiClientOptions,
  pluginApiClient,
} from './pluginApiClient';

/**
 * `GET /kpis/lookups`: per UTC day (oldest first, days with any), lookups
 * that matched nothing or an entity some discipline has no ops owner for.
 *
 * @public
 */
export interface LookupOutcomesResponse {
  /** First UTC day asked for (YYYY-MM-DD), as given in the query. */
  from: string;
  /** Last UTC day asked for (YYYY-MM-DD), as given in the query. */
  to: string;
  /**
   * Days in the range with any such lookup, oldest first: `noMatch` lookups
   * found no entity, `noOwner` found one lacking an owner for some discipline.
   */
  days: { day: string; noMatch: number; noOwner: number }[];
}

/**
 * Client of the integrated-ops backend, built with openapi-fetch over the
 * types generated from its openapi.yaml: each call's path, parameters and
 * answer are checked against the spec when this package compiles, and
 * answered as the package's wire types. Any answer but 2xx rejects with a
 * `ResponseError` (from `@backstage/errors`).
 *
 * @public
 */
export class IntegratedOpsApiClient {
  readonly #client: () => Promise<JsonClient<paths>>;

  constructor(options: PluginApiClientOptions) {
    this.#client = pluginApiClient<paths>('integrated-ops', options);
  }

  /** `GET /lookup`: who owns a name, ref, hostname, URL, IP or CIDR (`asOf`: as it was then). */
  async lookup(
    query: { q: string; at?: string; asOf?: string; detail?: LookupDetail },
    options?: PluginApiCallOptions,
  ): Promise<LookupResponse> {
    const client = await this.#client();
    return dataOf(client.GET('/lookup', { params: { query }, ...options }));
  }

  /** `GET /history`: an entity's typed owners over time. */
  async ownershipHistory(
    query: { entity: string; limit?: number },
    options?: PluginApiCallOptions,
  ): Promise<OwnershipTimeline> {
    const client = await this.#client();
    return dataOf(client.GET('/history', { params: { query }, ...options }));
  }

  /** `GET /kpis/lookups`: lookups that found no entity or no owner, per UTC day. */
  async lookupOutcomes(
    query: { from: string; to: string },
    options?: PluginApiCallOptions,
  ): Promise<LookupOutcomesResponse> {
    const client = await this.#client();
    return dataOf(
      client.GET('/kpis/lookups', { params: { query }, ...options }),
    );
  }

  /** `GET /blast-radius`: what depends on an entity and what it depends on, up to `depth` hops. */
  async blastRadius(
    query: { entity: string; depth?: number; at?: string },
    options?: PluginApiCallOptions,
  ): Promise<BlastRadiusResponse> {
    const client = await this.#client();
    return dataOf(
      client.GET('/blast-radius', { params: { query }, ...options }),
    );
  }

  /** `GET /teams/on-call`: a team, who is on call now and next, its escalation. */
  async teamOnCall(
    query: { team: string; at?: string },
    options?: PluginApiCallOptions,
  ): Promise<TeamOnCall & { index: IndexStatus }> {
    const client = await this.#client();
    return dataOf(
      client.GET('/teams/on-call', { params: { query }, ...options }),
    );
  }

  /** `GET /coverage` as JSON: coverage per system and team, every gap, team drift. */
  async coverage(options?: PluginApiCallOptions): Promise<CoverageResponse> {
    const client = await this.#client();
    const report = await dataOf(
      client.GET('/coverage', {
        params: { query: { format: 'json' } },
        ...options,
      }),
    );
    // The backend also answers `drift` and `recertification`, and each gap's
    // owners, which the spec's CoverageResponse does not state (yet).
    return report as unknown as CoverageResponse;
  }

  /** `GET /coverage` as CSV: one row per gap, as the backend renders it. */
  async coverageCsv(options?: PluginApiCallOptions): Promise<Blob> {
    const client = await this.#client();
    return dataOf(
      client.GET('/coverage', {
        params: { query: { format: 'csv' } },
        parseAs: 'blob',
        ...options,
      }),
    );
  }

  /** `POST /pages`: page the owning team of one discipline of an entity (the open page when one is). */
  async page(body: PageRequest, options?: PluginApiCallOptions): Promise<Page> {
    const client = await this.#client();
    return dataOf(client.POST('/pages', { body, ...options }));
  }

  /** `GET /pages/{id}`: a page and whether someone acknowledged it. */
  async getPage(id: string, options?: PluginApiCallOptions): Promise<Page> {
    const client = await this.#client();
    return dataOf(
      client.GET('/pages/{id}', { params: { path: { id } }, ...options }),
    );
  }

  /** `POST /pages/{id}/acknowledge`: acknowledge a page sent as a portal notification. */
  async acknowledgePage(
    id: string,
    options?: PluginApiCallOptions,
  ): Promise<Page> {
    const client = await this.#client();
    return dataOf(
      client.POST('/pages/{id}/acknowledge', {
        params: { path: { id } },
        ...options,
      }),
    );
  }

  /** `GET /incidents/{id}`: an incident of a routed alert, and whether the caller may acknowledge it. */
  async incident(
    id: string,
    options?: PluginApiCallOptions,
  ): Promise<Incident> {
    const client = await this.#client();
    return dataOf(
      client.GET('/incidents/{id}', { params: { path: { id } }, ...options }),
    );
  }

  /** `POST /incidents/{id}/acknowledge`: the first acknowledgement counts. */
  async acknowledgeIncident(
    id: string,
    options?: PluginApiCallOptions,
  ): Promise<Incident> {
    const client = await this.#client();
    return dataOf(
      client.POST('/incidents/{id}/acknowledge', {
        params: { path: { id } },
        ...options,
      }),
    );
  }

  /** `GET /incidents/response`: time to acknowledge and resolve per team and discipline. */
  async responseKpis(
    query: { days?: number; team?: string },
    options?: PluginApiCallOptions,
  ): Promise<ResponseKpis> {
    const client = await this.#client();
    return dataOf(
      client.GET('/incidents/response', { params: { query }, ...options }),
    );
  }

  /** `GET /incidents/response` as CSV: one row per team and discipline. */
  async responseKpisCsv(
    query: { days?: number; team?: string },
    options?: PluginApiCallOptions,
  ): Promise<Blob> {
    const client = await this.#client();
    return dataOf(
      client.GET('/incidents/response', {
        params: { query: { ...query, format: 'csv' } },
        parseAs: 'blob',
        ...options,
      }),
    );
  }

  /** `GET /index-status`: age and health of the ownership index. */
  async indexStatus(options?: PluginApiCallOptions): Promise<IndexStatus> {
    const client = await this.#client();
    return dataOf(client.GET('/index-status', { ...options }));
  }

  /** `GET /alerts/unrouted`: alerts of the last 24 h that found no owner. */
  async unroutedAlerts(
    options?: PluginApiCallOptions,
  ): Promise<UnroutedAlertsResponse> {
    const client = await this.#client();
    return dataOf(client.GET('/alerts/unrouted', { ...options }));
  }
}
