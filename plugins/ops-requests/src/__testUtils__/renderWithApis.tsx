import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ReactElement } from 'react';
import { OpsRequestsApi, opsRequestsApiRef } from '../api';

/** A fake OpsRequestsApi whose methods are jest mocks; override what a test needs. */
export function fakeOpsApi(
  overrides: Partial<Record<keyof OpsRequestsApi, jest.Mock>> = {},
): jest.Mocked<OpsRequestsApi> {
  const notUsed = (name: string) =>
    jest.fn(() => Promise.reject(new Error(`${name} not expected`)));
  return {
    listRequests: notUsed('listRequests'),
    getRequest: notUsed('getRequest'),
    approveRequest: notUsed('approveRequest'),
    rejectRequest: notUsed('rejectRequest'),
    handOverRequest: notUsed('handOverRequest'),
    kpis: notUsed('kpis'),
    kpisCsv: notUsed('kpisCsv'),
    previewRequest: notUsed('previewRequest'),
    ...overrides,
  } as unknown as jest.Mocked<OpsRequestsApi>;
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

export { opsRequestsApiRef };
