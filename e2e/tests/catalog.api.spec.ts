/*
 * The sample catalog loads into the running catalog backend without a single
 * processing error - on the embedded SQLite default and on PostgreSQL.
 */
import { test, expect } from '@playwright/test';
import { sampleEntityRefs } from '../support/sampleCatalog';
import { entityRef, guestToken, waitForEntities } from '../support/portalApi';

test('every sample entity is in the catalog with no processing errors', async ({
  request,
}) => {
  const expected = sampleEntityRefs();
  expect(expected.length).toBeGreaterThan(90);

  const token = await guestToken(request);
  const entities = await waitForEntities(request, token, expected);

  const errors = entities.flatMap(e =>
    (e.status?.items ?? [])
      .filter(item => item.level === 'error')
      .map(item => `${entityRef(e)}: ${item.error?.message}`),
  );
  expect(errors).toEqual([]);
});

test('catalog API refuses requests without a token', async ({ request }) => {
  const response = await request.get('/api/catalog/entities/by-query');
  expect(response.status()).toBe(401);
});
