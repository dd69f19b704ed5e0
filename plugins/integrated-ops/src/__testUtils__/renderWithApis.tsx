import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ReactElement } from 'react';
import { IntegratedOpsApi, integratedOpsApiRef } from '../api';

/** A fake IntegratedOpsApi whose methods are jest mocks; override what a test needs. */
export function fakeOpsApi(
  overrides: Partial<Record<keyof IntegratedOpsApi, jest.Mock>> = {},
): jest.Mocked<IntegratedOpsApi> {
  const notUsed = (name: string) =>
    jest.fn(() => Promise.reject(new Error(`${name} not expected`)));
  return {
    lookup: notUsed('lookup'),
    blastRadius: notUsed('blastRadius'),
    coverage: notUsed('coverage'),
    coverageCsv: notUsed('coverageCsv'),
    indexStatus: notUsed('indexStatus'),
    teamOnCall: notUsed('teamOnCall'),
    page: notUsed('page'),
    getPage: notUsed('getPage'),
    acknowledgePage: notUsed('acknowledgePage'),
    incident: notUsed('incident'),
    acknowledgeIncident: notUsed('acknowledgeIncident'),
    responseKpis: notUsed('responseKpis'),
    responseKpisCsv: notUsed('responseKpisCsv'),
    // No history yet, as for an entity the backend has not recorded.
    ownershipHistory: jest.fn(() =>
      Promise.reject(
        Object.assign(new Error('No ownership history'), { statusCode: 404 }),
      ),
    ),
    unroutedAlerts: jest.fn(async () => ({
      since: '2026-03-01T12:00:00.000Z',
      count: 0,
      recent: [],
    })),
    ...overrides,
  } as unknown as jest.Mocked<IntegratedOpsApi>;
}

/** Renders in a test app with the entity page route mounted (for entity links). */
export function renderWithApis(
  element: ReactElement,
  apis: readonly [any, any][],
  options: { routeEntries?: string[] } = {},
) {
  return renderInTestApp(
    <TestApiProvider apis={apis as any}>{element}</TestApiProvider>,
    {
      routeEntries: options.routeEntries,
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}

export { integratedOpsApiRef };
