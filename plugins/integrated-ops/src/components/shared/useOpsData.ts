import { useApi } from '@backstage/core-plugin-api';
import { DependencyList, useEffect } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { IntegratedOpsApi, integratedOpsApiRef } from '../../api';

const NOT_READY_RETRY_MS = 3000;

/**
 * Loads from the integrated-ops backend. While the backend answers 503 (its
 * index is still being built after a start) it tries again every 3 s, so a
 * page opened right after a deploy fills in by itself; likewise while
 * `incomplete(value)` says the answer is not there yet.
 */
export function useOpsData<T>(
  load: (api: IntegratedOpsApi) => Promise<T>,
  deps: DependencyList,
  options: { incomplete?: (value: T) => boolean } = {},
) {
  const api = useApi(integratedOpsApiRef);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const state = useAsyncRetry(() => load(api), [api, ...deps]);
  const notReady =
    (state.error as { statusCode?: number } | undefined)?.statusCode === 503 ||
    (state.value !== undefined && !!options.incomplete?.(state.value));
  const { retry } = state;
  useEffect(() => {
    if (!notReady) return undefined;
    const timer = setTimeout(retry, NOT_READY_RETRY_MS);
    return () => clearTimeout(timer);
  }, [notReady, retry]);
  return state;
}
