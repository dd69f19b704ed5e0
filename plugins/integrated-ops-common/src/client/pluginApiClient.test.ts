/* eslint-disable new-cap -- openapi-fetch names its methods GET and POST */
import { createFetchApi, FetchMiddlewares } from '@backstage/core-app-api';
import { createServer, Server } from 'http';
import { AddressInfo } from 'net';
import { pluginApiClient } from './pluginApiClient';

/** Answers each request with what it received: method, token and body. */
function echoServer(): Promise<{ server: Server; baseUrl: string }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      const status = req.url?.includes('missing') ? 404 : 200;
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify(
          status === 404
            ? { error: { name: 'NotFoundError', message: 'no such thing' } }
            : {
                method: req.method,
                authorization: req.headers.authorization,
                body: body ? JSON.parse(body) : null,
              },
        ),
      );
    });
  });
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      }),
    ),
  );
}

describe('pluginApiClient', () => {
  it('posts a body through the frontend FetchApi the app really builds (plugin protocol, then the user token)', async () => {
    const { server, baseUrl } = await echoServer();
    try {
      const discoveryApi = { getBaseUrl: async () => baseUrl };
      // The middlewares the app's default FetchApi uses: each constructs a
      // Request from what it is given.
      const fetchApi = createFetchApi({
        middleware: [
          FetchMiddlewares.resolvePluginProtocol({ discoveryApi }),
          FetchMiddlewares.injectIdentityAuth({
            identityApi: {
              getCredentials: async () => ({ token: 'user-token' }),
            } as any,
            allowUrl: () => true,
          }),
        ],
      });
      const client = await pluginApiClient<any>('echo', {
        discoveryApi,
        fetchApi,
      })();
      const { data } = await client.POST('/things', {
        body: { justification: 'the lookup said so' },
      });
      expect(data).toEqual({
        method: 'POST',
        authorization: 'Bearer user-token',
        body: { justification: 'the lookup said so' },
      });
      const read = await client.GET('/things', {});
      expect(read.data).toMatchObject({ method: 'GET', body: null });
      await expect(client.GET('/missing', {})).rejects.toMatchObject({
        name: 'ResponseError',
        response: { status: 404 },
      });
    } finally {
      server.close();
    }
  });
});
