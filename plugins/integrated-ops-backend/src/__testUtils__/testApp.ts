import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import express from 'express';
import { OwnershipIndexService } from '../service/OwnershipIndexService';
import { testCatalog } from '../__testUtils__/testCatalog';
import { wholeCatalog } from './wholeCatalog';
import { createRouter } from '../router/createRouter';

/**
 * The router over an index of the test catalog, as an express app with
 * Backstage's error handling. Unauthenticated requests get no credentials;
 * send `asUser` headers to be a signed-in user. The clock is fixed.
 */
export async function testApp(
  options: {
    permissions?: ReturnType<typeof mockServices.permissions.mock>;
  } = {},
) {
  const indexService = new OwnershipIndexService({
    sync: async () => wholeCatalog(testCatalog),
    logger: mockServices.logger.mock(),
    staleAfterMs: 60_000,
  });
  await indexService.refresh();
  const router = await createRouter({
    httpAuth: mockServices.httpAuth({
      defaultCredentials: mockCredentials.none(),
    }),
    permissions: options.permissions ?? mockServices.permissions(),
    indexService,
    now: () => new Date('2026-01-07T12:00:00Z'),
  });
  return express().use(router).use(mockErrorHandler());
}

export const asUser = { Authorization: mockCredentials.user.header() };
