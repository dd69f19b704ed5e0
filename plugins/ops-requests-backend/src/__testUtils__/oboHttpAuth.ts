import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Request } from 'express';

const SERVICE_TOKEN = 'mock-service-token:';

/**
 * Mock HTTP auth (unauthenticated requests get no credentials) that, unlike
 * the stock mock, keeps the acting plugin on a token issued on behalf of a
 * user, as the real auth service does. The permission backend refuses
 * on-behalf-of requests without an actor as "direct user requests", so
 * conditional permissions cannot be tested through it otherwise.
 */
export const oboHttpAuthFactory = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory: ({ plugin }): HttpAuthService => {
    const inner = mockServices.httpAuth({
      pluginId: plugin.getId(),
      defaultCredentials: mockCredentials.none(),
    });
    return {
      async credentials(req: Request, options?: any) {
        const token = /^Bearer\s+(\S+)$/i.exec(
          req.headers.authorization ?? '',
        )?.[1];
        if (token?.startsWith(SERVICE_TOKEN)) {
          const { obo, sub } = JSON.parse(token.slice(SERVICE_TOKEN.length));
          if (obo && (!options?.allow || options.allow.includes('user'))) {
            return mockCredentials.user(obo, {
              actor: { subject: sub ?? 'plugin:unknown' },
            }) as BackstageCredentials<any>;
          }
        }
        return inner.credentials(req, options);
      },
      issueUserCookie: inner.issueUserCookie.bind(inner),
    } as HttpAuthService;
  },
});
