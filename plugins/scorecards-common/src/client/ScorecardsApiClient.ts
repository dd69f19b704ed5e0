/* eslint-disable new-cap -- openapi-fetch names its methods GET and POST */
import {
  dataOf,
  JsonClient,
  PluginApiCallOptions,
  PluginApiClientOptions,
  pluginApiClient,
} from '@integrated-ops/plugin-integrated-ops-common';
import type { paths } from '../schema/openapi/generated/types';
import type { Campaign, CampaignSummary, Scorecard } from '../types';

/**
 * Client of the scorecards backend, built with openapi-fetch over the types
 * generated from its openapi.yaml; any answer but 2xx rejects with a
 * `ResponseError`.
 *
 * @public
 */
export class ScorecardsApiClient {
  readonly #client: () => Promise<JsonClient<paths>>;

  constructor(options: PluginApiClientOptions) {
    this.#client = pluginApiClient<paths>('scorecards', options);
  }

  /** `GET /entity`: the entity's scorecard (404 when the caller may not read it). */
  async entity(
    entity: string,
    options?: PluginApiCallOptions,
  ): Promise<Scorecard> {
    const client = await this.#client();
    return dataOf(
      client.GET('/entity', { params: { query: { entity } }, ...options }),
    );
  }

  /** `GET /campaigns`: every campaign, soonest deadline first. */
  async campaigns(options?: PluginApiCallOptions): Promise<CampaignSummary[]> {
    const client = await this.#client();
    return (await dataOf(client.GET('/campaigns', { ...options }))).items;
  }

  /** `GET /campaigns/{id}`: burn-down, teams behind and entities (404 for an unknown id). */
  async campaign(
    id: string,
    options?: PluginApiCallOptions,
  ): Promise<Campaign> {
    const client = await this.#client();
    return dataOf(
      client.GET('/campaigns/{id}', { params: { path: { id } }, ...options }),
    ) as Promise<Campaign>;
  }

  /** `GET /campaigns/{id}?format=csv`: one row per entity of the campaign. */
  async campaignCsv(id: string, options?: PluginApiCallOptions): Promise<Blob> {
    const client = await this.#client();
    return dataOf(
      client.GET('/campaigns/{id}', {
        params: { path: { id }, query: { format: 'csv' } },
        parseAs: 'blob',
        ...options,
      }),
    ) as Promise<Blob>;
  }
}
