/* eslint-disable new-cap -- openapi-fetch names its methods GET and POST */
import {
  dataOf,
  JsonClient,
  PluginApiCallOptions,
  PluginApiClientOptions,
  pluginApiClient,
} from '@integrated-ops/plugin-integrated-ops-common';
import type { components, paths } from '../schema/openapi/generated/types';
import type { Severity } from '../types';

/**
 * A component's open findings and their numbers (`GET /findings`).
 *
 * @public
 */
export type FindingList = components['schemas']['FindingList'];

/**
 * Open findings by owning team and discipline, the components worst off, and reports nobody could route (`GET /overview`).
 *
 * @public
 */
export type FindingsOverview = components['schemas']['Overview'];

/**
 * Time to fix, SLA breach rate and accepted risks (`GET /kpis`).
 *
 * @public
 */
export type FindingsKpis = components['schemas']['Kpis'];

/**
 * Every component's open findings in numbers (`GET /facts`), for the scorecards' facts.
 *
 * @public
 */
export type ComponentFactsList = components['schemas']['ComponentFactsList'];

/**
 * One open finding as the backend answers it.
 *
 * @public
 */
export type FindingView = components['schemas']['Finding'];

/**
 * Client of the security-findings backend, built with openapi-fetch over
 * the types generated from its openapi.yaml. Any answer but 2xx rejects
 * with a `ResponseError` (from `@backstage/errors`) carrying the backend's
 * message.
 *
 * @public
 */
export class SecurityFindingsApiClient {
  readonly #client: () => Promise<JsonClient<paths>>;

  constructor(options: PluginApiClientOptions) {
    this.#client = pluginApiClient<paths>('security-findings', options);
  }

  /** `GET /findings`: the component's open findings, soonest due first, and all of them in numbers. */
  async listFindings(
    query: { entity: string; limit?: number; severity?: Severity[] },
    options?: PluginApiCallOptions,
  ): Promise<FindingList> {
    const client = await this.#client();
    return dataOf(client.GET('/findings', { params: { query }, ...options }));
  }

  /** `GET /facts`: every component's open findings in numbers (a plugin's service token listed in factReaders). */
  async componentFacts(
    options?: PluginApiCallOptions,
  ): Promise<ComponentFactsList> {
    const client = await this.#client();
    return dataOf(client.GET('/facts', { ...options }));
  }

  /** `GET /overview`: by owning team and discipline (one team's with `team`), over what the caller may read. */
  async overview(
    query: { team?: string } = {},
    options?: PluginApiCallOptions,
  ): Promise<FindingsOverview> {
    const client = await this.#client();
    return dataOf(client.GET('/overview', { params: { query }, ...options }));
  }

  /** `GET /kpis`: over the last `days` (default 90), for what the caller may read. */
  async kpis(
    query: { days?: number } = {},
    options?: PluginApiCallOptions,
  ): Promise<FindingsKpis> {
    const client = await this.#client();
    return dataOf(client.GET('/kpis', { params: { query }, ...options }));
  }

  /** `GET /kpis?format=csv`: the per-team rows as CSV. */
  async kpisCsv(
    query: { days?: number } = {},
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

  /** `GET /findings/{id}`: one finding of the component, open or fixed. */
  async getFinding(
    query: { entity: string; id: string },
    options?: PluginApiCallOptions,
  ): Promise<FindingView> {
    const client = await this.#client();
    return dataOf(
      client.GET('/findings/{id}', {
        params: { path: { id: query.id }, query: { entity: query.entity } },
        ...options,
      }),
    );
  }
}
