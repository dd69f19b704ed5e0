import { useApi } from '@backstage/core-plugin-api';
import { DependencyList } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { OpsRequestsApi, opsRequestsApiRef } from '../api';

/** Loads from the ops-requests backend; `retry` loads again. */
export function useRequestsData<T>(
  load: (api: OpsRequestsApi) => Promise<T>,
  deps: DependencyList,
) {
  const api = useApi(opsRequestsApiRef);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useAsyncRetry(() => load(api), [api, ...deps]);
}
