import { ResponseError } from '@backstage/errors';
import createClient, { Client, Middleware } from 'openapi-fetch';

/**
 * What a client of a plugin's HTTP API is made of, in the shape Backstage's
 * own generated clients take: in the frontend the DiscoveryApi and the
 * FetchApi (which adds the user's token); in a backend the discovery service
 * and a fetch that adds a plugin request token (see {@link bearerFetchApi}).
 *
 * @public
 */
export interface PluginApiClientOptions {
  /** Gives the plugin's base URL; asked before every call, so a moved plugin is followed. */
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  /** Defaults to the global fetch, which sends no token. */
  fetchApi?: { fetch: typeof fetch };
}

/**
 * Options of one call of a plugin API client.
 *
 * @public
 */
export interface PluginApiCallOptions {
  /** Aborts the call, e.g. `AbortSignal.timeout(5000)`. */
  signal?: AbortSignal;
}

/**
 * Hands openapi-fetch's Request to a fetch API as a URL and init, its body
 * read out: Backstage's frontend FetchApi middlewares each construct
 * `new Request(input, init)` from what they are given, and a Request whose
 * body was taken by the first cannot be constructed from again ("Cannot
 * construct a Request with a Request object that has already been used").
 */
async function send(request: Request, fetchImpl: typeof fetch) {
  const body =
    request.method === 'GET' || request.method === 'HEAD'
      ? undefined
      : await request.text();
  return fetchImpl(request.url, {
    method: request.method,
    headers: request.headers,
    body: body || undefined,
    signal: request.signal,
  });
}

/** Any answer but 2xx becomes the ResponseError the hand-written clients threw. */
const throwResponseErrors: Middleware = {
  async onResponse({ response }) {
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return undefined;
  },
};

/**
 * An openapi-fetch client whose answers are typed as their JSON content (an
 * operation that also answers CSV is read as a Blob with `parseAs: 'blob'`).
 *
 * @public
 */
export type JsonClient<Paths extends {}> = Client<Paths, `${string}/json`>;

/**
 * An openapi-fetch client over a plugin's generated `paths`, at the base URL
 * discovery gives at the time of each call. Any answer but 2xx rejects with a
 * `ResponseError` (from `@backstage/errors`), so the data of an answer that
 * resolves is always there (see {@link dataOf}).
 *
 * @public
 */
export function pluginApiClient<Paths extends {}>(
  pluginId: string,
  options: PluginApiClientOptions,
): () => Promise<JsonClient<Paths>> {
  let last: { baseUrl: string; client: JsonClient<Paths> } | undefined;
  return async () => {
    const baseUrl = await options.discoveryApi.getBaseUrl(pluginId);
    if (last?.baseUrl !== baseUrl) {
      const client = createClient<Paths, `${string}/json`>({
        baseUrl,
        fetch: request => send(request, options.fetchApi?.fetch ?? fetch),
      });
      client.use(throwResponseErrors);
      last = { baseUrl, client };
    }
    return last.client;
  };
}

/**
 * The data of a call of a {@link pluginApiClient}: it rejects on any answer
 * but 2xx, so a resolved call has its data.
 *
 * @public
 */
export async function dataOf<T>(call: Promise<{ data?: T }>): Promise<T> {
  return (await call).data as T;
}

/**
 * A fetch API for backends: each call carries `Authorization: Bearer` with
 * the token `getToken` gives (from `auth.getPluginRequestToken`), through
 * `fetchImpl` (default the global fetch).
 *
 * @public
 */
export function bearerFetchApi(
  getToken: () => Promise<string>,
  fetchImpl?: typeof fetch,
): { fetch: typeof fetch } {
  return {
    fetch: async (input, init) => {
      const request = new Request(input, init);
      request.headers.set('Authorization', `Bearer ${await getToken()}`);
      return (fetchImpl ?? fetch)(request);
    },
  };
}
