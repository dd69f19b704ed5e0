import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { SecurityFindingsApi, securityFindingsApiRef } from '../../api';

/** Calls the security-findings backend again when `deps` change; `retry` to ask again. */
export function useFindingsApi<T>(
  call: (api: SecurityFindingsApi) => Promise<T>,
  deps: unknown[],
) {
  const api = useApi(securityFindingsApiRef);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useAsyncRetry(() => call(api), [api, ...deps]);
}
