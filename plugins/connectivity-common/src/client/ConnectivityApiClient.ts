/* eslint-disable new-cap -- openapi-fetch names its methods GET and POST */
import {
  dataOf,
  JsonClient,
  PluginApiCallOptions,
  PluginApiClientOptions,
  pluginApiClient,
} from '@integrated-ops/plugin-integrated-ops-common';
import type { components, paths } from '../schema/openapi/generated/types';

/**
 * Whether one end reaches another on a port, and why (`GET /reach`).
 *
 * @public
 */
export type ReachAnswer = components['schemas']['Reach'];

/**
 * Who can reach an entity, or what it can reach (`GET /inbound`, `/outbound`).
 *
 * @public
 */
export type ConnectionsAnswer = components['schemas']['Connections'];

/**
 * Client of the connectivity backend, built with openapi-fetch over the
 * types generated from its openapi.yaml. Any answer but 2xx rejects with a
 * `ResponseError` (from `@backstage/errors`), whose message is the
 * backend's (e.g. `port: "84x" is not a port ...`).
 *
 * @public
 */
export class ConnectivityApiClient {
  readonly #client: () => Promise<JsonClient<paths>>;

  constructor(options: PluginApiClientOptions) {
    this.#client = pluginApiClient<paths>('connectivity', options);
  }

  /** `GET /reach`: whether `from` reaches `to` on `port` (`8443`, `53/UDP`), with the rules or the isolating side. */
  async reach(
    query: { from: string; to: string; port: string },
    options?: PluginApiCallOptions,
  ): Promise<ReachAnswer> {
    const client = await this.#client();
    return dataOf(client.GET('/reach', { params: { query }, ...options }));
  }

  /** `GET /inbound`: who can reach the entity, grouped by peer. */
  async inbound(
    to: string,
    options?: PluginApiCallOptions,
  ): Promise<ConnectionsAnswer> {
    const client = await this.#client();
    return dataOf(
      client.GET('/inbound', { params: { query: { to } }, ...options }),
    );
  }

  /** `GET /outbound`: what the entity can reach, grouped by peer. */
  async outbound(
    from: string,
    options?: PluginApiCallOptions,
  ): Promise<ConnectionsAnswer> {
    const client = await this.#client();
    return dataOf(
      client.GET('/outbound', { params: { query: { from } }, ...options }),
    );
  }
}
