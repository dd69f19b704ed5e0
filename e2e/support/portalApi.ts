import { APIRequestContext, expect } from '@playwright/test';

export type CatalogEntity = {
  kind: string;
  metadata: { name: string; namespace?: string };
  status?: {
    items?: { level: string; type: string; error?: { message: string } }[];
  };
};

export const entityRef = (e: CatalogEntity) =>
  `${e.kind}:${e.metadata.namespace ?? 'default'}/${
    e.metadata.name
  }`.toLowerCase();

/**
 * GET through the test's request context, sent again once when the server
 * had just closed the kept-alive connection it was about to reuse
 * (ECONNRESET / socket hang up after the context sat idle through browser
 * steps: a race between client and server keep-alive, not an answer).
 */
export async function getOnce(
  request: APIRequestContext,
  url: string,
  options?: Parameters<APIRequestContext['get']>[1],
) {
  try {
    return await request.get(url, options);
  } catch (error) {
    if (!/ECONNRESET|socket hang up/.test(String(error))) throw error;
    return request.get(url, options);
  }
}

/** Signs in as the guest user the way the frontend does and returns its token. */
export async function guestToken(request: APIRequestContext): Promise<string> {
  const response = await request.get('/api/auth/guest/refresh', {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()).backstageIdentity.token;
}

/**
 * Signs in as a sample-org user through the development sign-in (the
 * SQLite portal only; this machine's requests only) and returns the token.
 */
export async function sampleUserToken(
  request: APIRequestContext,
  user: string,
): Promise<string> {
  const response = await request.get('/api/auth/sampleUser/refresh', {
    headers: { 'X-Requested-With': 'XMLHttpRequest', 'x-sample-user': user },
  });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()).backstageIdentity.token;
}

export async function listEntities(
  request: APIRequestContext,
  token: string,
): Promise<CatalogEntity[]> {
  const items: CatalogEntity[] = [];
  let cursor: string | undefined;
  do {
    const response = await request.get('/api/catalog/entities/by-query', {
      headers: { Authorization: `Bearer ${token}` },
      params: cursor
        ? { cursor }
        : {
            limit: 500,
            fields: 'kind,metadata.name,metadata.namespace,status',
          },
    });
    expect(response.status()).toBe(200);
    const page = await response.json();
    items.push(...page.items);
    cursor = page.pageInfo?.nextCursor;
  } while (cursor);
  return items;
}

/** Waits until the catalog has processed every expected entity. */
export async function waitForEntities(
  request: APIRequestContext,
  token: string,
  expected: string[],
): Promise<CatalogEntity[]> {
  let entities: CatalogEntity[] = [];
  await expect
    .poll(
      async () => {
        entities = await listEntities(request, token);
        const present = new Set(entities.map(entityRef));
        return expected.filter(ref => !present.has(ref));
      },
      { timeout: 120_000, intervals: [1_000, 2_000] },
    )
    .toEqual([]);
  return entities;
}

type OwnedEntity = CatalogEntity & {
  relations?: { type: string; targetRef: string }[];
};

/** The sample estate's deliberate ownership gaps. */
export const deliberateGaps = [
  'component:legacy-batch-scorer',
  'resource:model-artifacts-bucket',
];

/** Components, systems and resources still lacking one of their three typed owners. */
export async function entitiesWithoutTypedOwners(
  request: APIRequestContext,
  token: string,
): Promise<{ missing: string[]; entities: OwnedEntity[] }> {
  const response = await request.get('/api/catalog/entities', {
    headers: { Authorization: `Bearer ${token}` },
    params: { filter: 'kind=component,kind=system,kind=resource' },
  });
  const entities: OwnedEntity[] = await response.json();
  const missing = entities
    .filter(e =>
      ['netops', 'devops', 'secops'].some(
        d => !e.relations?.some(r => r.type === `${d}OwnedBy`),
      ),
    )
    .map(e => `${e.kind.toLowerCase()}:${e.metadata.name}`)
    .sort();
  return { missing, entities };
}

/**
 * Waits until the catalog has related every sample entity to its three
 * owners (inherited owners arrive a processing pass after their System).
 */
export async function waitForTypedOwners(
  request: APIRequestContext,
  token: string,
): Promise<OwnedEntity[]> {
  let entities: OwnedEntity[] = [];
  await expect
    .poll(
      async () => {
        const result = await entitiesWithoutTypedOwners(request, token);
        entities = result.entities;
        return result.missing;
      },
      { timeout: 120_000, intervals: [2_000] },
    )
    .toEqual(deliberateGaps);
  return entities;
}

/**
 * Waits until the lookup index (which refreshes on its own schedule) gives
 * `expected` as `read` of the best match for `q`.
 */
export async function waitForLookup<T>(
  request: APIRequestContext,
  q: string,
  read: (match: any) => T,
  expected: T,
) {
  const token = await guestToken(request);
  await expect
    .poll(
      async () => {
        const r = await request.get('/api/integrated-ops/lookup', {
          headers: { Authorization: `Bearer ${token}` },
          params: { q },
        });
        const [match] = r.ok() ? (await r.json()).matches : [];
        return match ? read(match) : undefined;
      },
      { timeout: 120_000, intervals: [2_000] },
    )
    .toEqual(expected);
}
